// The page language (en / zh-CN): from `?lang=` in the address, else the browser's, kept
// in the address when changed so that a link or a reload shows the same language.
import type { Locale } from 'sales-funnel';
import { h } from './dom.js';

/** The languages of the pages: the library's locales. */
export const LANGS: readonly Locale[] = ['en', 'zh-CN'];

/** The language asked for in the address, else the browser's first language, else English. */
export function initialLang(): Locale {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Sets the document's language and records it in the address (no reload). */
export function applyLang(lang: Locale): void {
  document.documentElement.lang = lang;
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(null, '', url);
  // The links between the pages keep the language.
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-lang]')) {
    const target = new URL(a.href);
    target.searchParams.set('lang', lang);
    a.href = target.href;
  }
}

/** A labelled language selector. */
export function langSelect(lang: Locale, onChange: (lang: Locale) => void): HTMLElement {
  const select = h(
    'select',
    { id: 'lang', onchange: (e) => onChange((e.target as HTMLSelectElement).value as Locale) },
    ...LANGS.map((l) => h('option', { value: l, selected: l === lang }, l === 'en' ? 'English' : '简体中文')),
  );
  return h('span', { class: 'lang' }, h('label', { for: 'lang' }, 'Language · 语言'), select);
}

/** A text in both languages, picked by `lang`. */
export type Words<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

/** Fills `{name}` placeholders. */
export function fill(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
