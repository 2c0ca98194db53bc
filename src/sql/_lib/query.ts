import type { Pipeline } from '../../model/pipeline.js';
import type { SqlDialect } from '../dialect.js';
import type { SqlOptions, SqlQuery, SqlRow } from '../types.js';
import { SqlBuilder, withClause } from './builder.js';
import { ledgerContext, type LedgerContext } from './ledger.js';
import { dialectOf, schemaOf } from './schema.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { instantMs, type InstantInput } from '../../time/instant.js';

/** Checks the pipeline argument as the in-process functions do (a parsed pipeline). */
export function checkPipeline(pipeline: unknown): Pipeline {
  if (typeof pipeline !== 'object' || pipeline === null || !Array.isArray((pipeline as Pipeline).stages) || typeof (pipeline as Pipeline).id !== 'string') {
    throw new FunnelError('invalid_argument', { name: 'pipeline', reason: because('must_be_pipeline_with_stages') });
  }
  return pipeline as Pipeline;
}

/** The start of every generator: the dialect, the checked name mapping, a builder and the ledger context. */
export function start(pipeline: unknown, options: SqlOptions): { readonly dialect: SqlDialect; readonly c: LedgerContext } {
  const p = checkPipeline(pipeline);
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'dialect', reason: because('sql_dialect') });
  const dialect = dialectOf(options);
  const schema = schemaOf(options, dialect);
  return { dialect, c: ledgerContext(new SqlBuilder(dialect), schema, p) };
}

/** Assembles a query: the CTEs, the final SELECT, the parameters and the decoder. */
export function finish<R>(c: LedgerContext, ctes: ReadonlyArray<readonly [string, string]>, select: string, decode: (rows: Iterable<SqlRow>) => R): SqlQuery<R> {
  const { text, params } = c.b.render(`${withClause(ctes, c.b.dialect.materializeCtes)}\n${select.trim()}\n`);
  return { text, params, decode };
}

/** A time window `[from, to)` in epoch ms (infinite bounds when not given), and the predicate on a column. */
export interface SqlWindow {
  readonly fromMs: number;
  readonly toMs: number;
  /** `col >= from AND col < to` with the bounds as parameters (`1 = 1` without bounds). */
  where(col: string): string;
}

/** The `from` / `to` options as the in-process functions read them (`from` after `to` is an `invalid_option`). */
export function windowOf(c: LedgerContext, options: { readonly from?: InstantInput; readonly to?: InstantInput }): SqlWindow {
  const fromMs = instantMs(options.from, 'from', Number.NEGATIVE_INFINITY);
  const toMs = instantMs(options.to, 'to', Number.POSITIVE_INFINITY);
  if (fromMs > toMs) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
  const where = (col: string) =>
    [Number.isFinite(fromMs) ? `${col} >= ${c.b.param(String(fromMs), 'bigint')}` : '', Number.isFinite(toMs) ? `${col} < ${c.b.param(String(toMs), 'bigint')}` : '']
      .filter((x) => x !== '')
      .join(' AND ') || '1 = 1';
  return { fromMs, toMs, where };
}
