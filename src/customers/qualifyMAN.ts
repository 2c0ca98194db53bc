import { badArgument } from './_lib/classArgs.js';

/**
 * The classes of the MAN rule (MAN 法则), best first: `prospect` (M+A+N, 有望客户),
 * `approach` (M+A+n), `find_authority` (M+a+N), `check_business` (m+A+N), `nurture`
 * (m+a+N, m+A+n, M+a+n) and `not_a_customer` (m+a+n).
 */
export type ManClassCode = 'prospect' | 'approach' | 'find_authority' | 'check_business' | 'nurture' | 'not_a_customer';

/** Text in English and Simplified Chinese. */
export interface BilingualText {
  /** The text in English. */
  readonly en: string;
  /** The text in Simplified Chinese. */
  readonly 'zh-CN': string;
}

/** One class of the MAN rule: its stable code, its name and what the rep should do. */
export interface ManClass {
  /** Stable code: branch on this, never on the text. */
  readonly code: ManClassCode;
  /** The class's name (`有望客户`). */
  readonly label: BilingualText;
  /** What to do with such a customer (`重点跟进，争取尽快成交`). */
  readonly action: BilingualText;
}

/** The answers of the MAN rule about one customer: does it have each of the three? */
export interface ManAnswers {
  /** M: the money (budget, means to pay, 购买力). */
  readonly money: boolean;
  /** A: the authority to decide the purchase (决策权). */
  readonly authority: boolean;
  /** N: the need for the product (需求). */
  readonly need: boolean;
}

/** A factor of the MAN rule, as named in {@link ManQualification.missing}. */
export type ManFactor = keyof ManAnswers;

/** Result of {@link qualifyMAN}: the class with its action, and how it was reached. */
export interface ManQualification extends ManClass {
  /** The combination in the source's notation: upper case when present, lower case when not (`M+a+N`). */
  readonly notation: string;
  /** The factors the customer lacks, in the order money, authority, need. */
  readonly missing: readonly ManFactor[];
}

/**
 * The classes of the MAN rule with their names and actions in English and Chinese, best
 * first (the order of {@link ManClassCode}).
 *
 * @category Customers
 * @example
 * ```ts
 * import { MAN_CLASSES } from 'sales-funnel';
 * MAN_CLASSES.prospect.label['zh-CN']; //=> '有望客户'
 * Object.keys(MAN_CLASSES).length; //=> 6
 * ```
 */
export const MAN_CLASSES: Readonly<Record<ManClassCode, ManClass>> = deepFreeze({
  prospect: {
    code: 'prospect',
    label: { en: 'Prospect', 'zh-CN': '有望客户' },
    action: { en: 'Pursue it now: it has the money, the authority and the need.', 'zh-CN': '理想的销售对象，重点跟进，争取尽快成交。' },
  },
  approach: {
    code: 'approach',
    label: { en: 'Approach', 'zh-CN': '可以接触' },
    action: { en: 'Approach it: with skilful selling it can succeed.', 'zh-CN': '可以接触，配合熟练的销售技巧，有望成功。' },
  },
  find_authority: {
    code: 'find_authority',
    label: { en: 'Find the decision maker', 'zh-CN': '寻找决策人' },
    action: { en: 'Approach it and find the person with the authority to buy.', 'zh-CN': '可以接触，并设法找到有决定权的人。' },
  },
  check_business: {
    code: 'check_business',
    label: { en: 'Check business and credit', 'zh-CN': '调查业务状况和信用' },
    action: {
      en: 'Approach it, but first look into its business and its credit (it may need financing or payment terms).',
      'zh-CN': '可以接触，但需先调查其业务状况和信用，必要时考虑融资或付款条件。',
    },
  },
  nurture: {
    code: 'nurture',
    label: { en: 'Nurture', 'zh-CN': '长期观察培养' },
    action: { en: 'Keep in touch and nurture it until it meets the conditions it lacks.', 'zh-CN': '可以接触，长期观察、培养，使其具备所缺的条件。' },
  },
  not_a_customer: {
    code: 'not_a_customer',
    label: { en: 'Not a customer', 'zh-CN': '非客户' },
    action: { en: 'Not a customer: stop contacting it.', 'zh-CN': '非目标客户，停止接触。' },
  },
});

/** Freezes the catalogue and its texts, so a result handed out can never change it. */
function deepFreeze<T extends Record<string, ManClass>>(classes: T): T {
  for (const c of Object.values(classes)) {
    Object.freeze(c.label);
    Object.freeze(c.action);
    Object.freeze(c);
  }
  return Object.freeze(classes);
}

const FACTORS: readonly ManFactor[] = ['money', 'authority', 'need'];

/** The class of each combination, indexed by money × 4 + authority × 2 + need. */
const BY_COMBINATION: readonly ManClassCode[] = [
  'not_a_customer', // m+a+n
  'nurture', // m+a+N
  'nurture', // m+A+n
  'check_business', // m+A+N
  'nurture', // M+a+n
  'find_authority', // M+a+N
  'approach', // M+A+n
  'prospect', // M+A+N
];

/**
 * Qualifies a customer by the MAN rule (MAN 法则): does it have the **M**oney, the
 * **A**uthority to decide and the **N**eed? Each of the eight combinations falls into one
 * of the source's classes, each with what to do:
 *
 * | combination | class | action |
 * | --- | --- | --- |
 * | M+A+N | `prospect` 有望客户 | pursue it: the ideal customer |
 * | M+A+n | `approach` | approach it: with skilful selling it can succeed |
 * | M+a+N | `find_authority` | approach it and find the person with authority |
 * | m+A+N | `check_business` | look into its business and credit (调查业务状况/信用) |
 * | m+a+N, m+A+n, M+a+n | `nurture` | nurture and watch it (长期观察培养) |
 * | m+a+n | `not_a_customer` | not a customer: stop contacting it (停止接触) |
 *
 * @param answers - `{ money, authority, need }`, each `true` or `false`.
 * @returns The class (`code`, `label`, `action` in English and Chinese), the combination
 *   in the source's notation (`M+a+N`) and the factors that are missing.
 * @throws {@link FunnelError} `invalid_argument` when `answers` is not an object of three booleans.
 *
 * @category Customers
 * @example
 * ```ts
 * import { qualifyMAN } from 'sales-funnel';
 * const q = qualifyMAN({ money: true, authority: false, need: true });
 * q.code; //=> 'find_authority'
 * q.notation; //=> 'M+a+N'
 * q.missing; //=> ['authority']
 * q.action['zh-CN']; //=> '可以接触，并设法找到有决定权的人。'
 * ```
 */
export function qualifyMAN(answers: ManAnswers): ManQualification {
  if (typeof answers !== 'object' || answers === null) return badArgument('answers', 'must_be_object');
  for (const f of FACTORS) if (typeof answers[f] !== 'boolean') badArgument(`answers.${f}`, 'must_be_boolean');
  const { money, authority, need } = answers;
  const cls = MAN_CLASSES[BY_COMBINATION[(money ? 4 : 0) + (authority ? 2 : 0) + (need ? 1 : 0)]!];
  return {
    ...cls,
    notation: `${money ? 'M' : 'm'}+${authority ? 'A' : 'a'}+${need ? 'N' : 'n'}`,
    missing: FACTORS.filter((f) => !answers[f]),
  };
}
