// Conventions that keep the documentation site coherent (typedoc.json builds the site
// from docs/guides/*.md). Checked here so that a guide's author learns them from a test
// message rather than from a broken or oddly grouped site.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support.js';

const GUIDES = path.join(repoRoot, 'docs', 'guides');
const guides = fs.readdirSync(GUIDES).filter((f) => f.endsWith('.md')).sort();
/** Groups of the site's navigation, in the order typedoc.json's groupOrder shows them. */
const GROUPS = ['Start here', 'Guides', 'Reference'];

function frontMatter(text: string): Record<string, string> | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (m === null) return undefined;
  const fields: Record<string, string> = {};
  for (const line of (m[1] as string).split(/\r?\n/)) {
    const kv = /^(\w+):\s*(.*)$/.exec(line);
    if (kv !== null) fields[kv[1] as string] = (kv[2] as string).trim();
  }
  return fields;
}

describe('docs/guides', () => {
  it('every guide has front matter with a title and a navigation group', () => {
    const problems = guides.flatMap((g) => {
      const fm = frontMatter(fs.readFileSync(path.join(GUIDES, g), 'utf8'));
      if (fm === undefined) return [`${g}: no front matter (---\\ntitle: …\\ngroup: Guides\\n---)`];
      return [
        ...(fm['title'] ? [] : [`${g}: no title`]),
        ...(fm['group'] !== undefined && GROUPS.includes(fm['group']) ? [] : [`${g}: group must be one of ${GROUPS.join(', ')} (got ${fm['group'] ?? 'none'})`]),
      ];
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('links to the API name their module (guides are outside both entry points)', () => {
    // In a guide, {@link money} cannot be resolved by typedoc: write
    // {@link sales-funnel!money | money}, {@link sales-funnel/testing!pipelineArb | pipelineArb} or
    // {@link sales-funnel/sql!stageFlowSql | stageFlowSql}.
    const problems = guides.flatMap((g) =>
      [...fs.readFileSync(path.join(GUIDES, g), 'utf8').matchAll(/\{@link(code|plain)?\s+([^}|\s]+)/g)]
        .map((m) => m[2] as string)
        .filter((target) => !/^(sales-funnel(\/testing|\/sql)?!|https?:|\.{0,2}\/)/.test(target))
        .map((target) => `${g}: {@link ${target}} → {@link sales-funnel!${target} | ${target}}`),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
