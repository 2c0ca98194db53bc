/**
 * The codes of `auditPipeline` findings, in the order checks run.
 *
 * @example
 * ```ts
 * import { AUDIT_CODES } from 'sales-funnel';
 * AUDIT_CODES.length; //=> 8
 * ```
 *
 * @category Analytics
 */
export const AUDIT_CODES = [
  'won_without_funnel_history',
  'stage_skipped',
  'regressed',
  'close_date_pushed',
  'close_date_overdue',
  'missing_close_date',
  'stalled',
  'near_zero_probability',
] as const;

/**
 * Every stable issue and error code the library can produce, in one list.
 *
 * Codes are snake_case and never change meaning once released; messages for each code
 * exist in every supported locale (a test enforces it).
 *
 * @example
 * ```ts
 * import { ISSUE_CODES } from 'sales-funnel';
 * ISSUE_CODES.includes('key_task_incomplete'); //=> true
 * ```
 *
 * @category Messages
 */
export const ISSUE_CODES = [
  // programmer errors (FunnelError)
  'currency_mismatch',
  'unknown_currency',
  'invalid_amount',
  'missing_rate',
  'invalid_weights',
  'invalid_argument',
  'invalid_option',
  'invalid_plain_date',
  'invalid_instant',
  'hierarchy_cycle',
  'limit_exceeded',
  // validation (zod issues with a path)
  'duplicate_stage_id',
  'duplicate_task_id',
  'no_open_stage',
  'no_won_stage',
  'no_lost_stage',
  'probability_out_of_range',
  'closed_stage_probability',
  'splits_total',
  'duplicate_split_owner',
  'ledger_out_of_order',
  'ledger_stage_mismatch',
  'ledger_current_stage_mismatch',
  'stage_not_in_pipeline',
  'pipeline_mismatch',
  'status_stage_mismatch',
  'forbidden_key',
  'invalid_schema',
  // ledger replay and collections (parse)
  'ledger_empty',
  'ledger_seq_mismatch',
  'ledger_duplicate_event_id',
  'ledger_created_not_first',
  'ledger_event_after_close',
  'ledger_event_while_suspended',
  'ledger_unexpected_event',
  'ledger_status_mismatch',
  'ledger_stage_change_closes',
  'ledger_close_stage_kind',
  'ledger_open_stage_kind',
  'ledger_amount_mismatch',
  'ledger_close_date_mismatch',
  'ledger_owner_mismatch',
  'ledger_task_mismatch',
  'ledger_field_mismatch',
  'json_too_deep',
  'duplicate_id',
  'missing_customer',
  'missing_pipeline',
  // engine (returned refusals)
  'key_task_incomplete',
  'stage_skip_forbidden',
  'backward_move_forbidden',
  'reason_required',
  'opportunity_closed',
  'opportunity_suspended',
  'opportunity_not_suspended',
  'opportunity_not_closed',
  'unknown_stage',
  'unknown_task',
  'stage_not_open',
  'stage_not_won',
  'stage_not_lost',
  'already_in_stage',
  'no_next_stage',
  'guard_failed',
  'guard_missing',
  'task_not_manual',
  'task_already_completed',
  'task_not_completed',
  'time_went_backwards',
  'invalid_command',
  'version_conflict',
  // audit findings (analytics)
  ...AUDIT_CODES,
] as const;

/**
 * A stable snake_case code naming one kind of issue or error.
 */
export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * Supported message locales: English and Simplified Chinese.
 */
export type Locale = 'en' | 'zh-CN';

/**
 * The locales for which every code has a message.
 *
 * @example
 * ```ts
 * import { LOCALES } from 'sales-funnel';
 * LOCALES; //=> ['en', 'zh-CN']
 * ```
 *
 * @category Messages
 */
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
