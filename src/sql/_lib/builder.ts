import type { SqlDialect, SqlTypes } from '../dialect.js';
import type { SqlParam, SqlStatement } from '../types.js';

/** Marks a parameter in the text until the dialect's placeholders are known: NUL, never in an identifier (refused) or a literal. */
const MARK = '\u0000';
const MARK_RE = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');

/**
 * Collects the parameters of one query and writes the casts around them. Every value
 * that comes from the caller (stage ids, instants, thresholds, group labels, team
 * names …) goes through {@link SqlBuilder.param}; the text only ever holds quoted
 * identifiers, the library's own constants (event types, JSON keys) and structure.
 */
export class SqlBuilder {
  private readonly values: SqlParam[] = [];

  constructor(readonly dialect: SqlDialect) {}

  /** The type names of the dialect. */
  get t(): SqlTypes {
    return this.dialect.types;
  }

  /** A parameter cast to `type` (a key of the dialect's types): `CAST($n AS bigint)`. The returned expression may be used many times. */
  param(value: SqlParam, type: keyof SqlTypes): string {
    this.values.push(value);
    return `CAST(${MARK}${this.values.length}${MARK} AS ${this.dialect.types[type]})`;
  }

  /** A typed NULL. */
  nul(type: keyof SqlTypes): string {
    return `CAST(NULL AS ${this.dialect.types[type]})`;
  }

  /** The statement with the dialect's placeholders and the parameter list. */
  render(text: string): SqlStatement {
    const d = this.dialect;
    if (d.reusesPlaceholders) {
      // Number the parameters the text uses, in order of first use (an expression built
      // but not used leaves no parameter behind: PostgreSQL cannot type an unused one).
      const numbers = new Map<number, number>();
      const params: SqlParam[] = [];
      const out = text.replace(MARK_RE, (_m, n: string) => {
        let k = numbers.get(Number(n));
        if (k === undefined) {
          params.push(this.values[Number(n) - 1] ?? null);
          k = params.length;
          numbers.set(Number(n), k);
        }
        return d.placeholder(k);
      });
      return { text: out, params };
    }
    const params: SqlParam[] = [];
    const out = text.replace(MARK_RE, (_m, n: string) => {
      params.push(this.values[Number(n) - 1] ?? null);
      return d.placeholder(params.length);
    });
    return { text: out, params };
  }
}

/** `WITH a AS (…), b AS (…)` from named parts, in order (`AS MATERIALIZED` where the dialect wants it). */
export function withClause(ctes: ReadonlyArray<readonly [string, string]>, materialize: boolean): string {
  const as = materialize ? 'AS MATERIALIZED' : 'AS';
  return `WITH\n${ctes.map(([name, body]) => `${name} ${as} (\n${indent(body.trim())}\n)`).join(',\n')}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
