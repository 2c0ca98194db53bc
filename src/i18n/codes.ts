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
  // ---- codes: pool ----
  'ledger_claim_while_held',
  'ledger_release_while_in_pool',
  'ledger_pool_owner_mismatch',
  'ledger_pool_owner_in_pool',
  'already_held',
  'hold_limit_reached',
  'reclaim_cooldown',
  'not_in_pool_for_team',
  'customer_not_held',
  'duplicate_pool_id',
  'pool_rule_needs',
  // ---- codes: activity ----
  'invalid_activity',
  'unknown_contact',
  'customer_mismatch',
  'contact_check_needs_customer',
  'contact_not_met',
  // ---- codes: qualify ----
  'duplicate_criterion_id',
  'duplicate_tier_id',
  'tiers_out_of_order',
  'catch_all_tier_not_last',
  'scorecard_guard_missing',
  'no_open_deal',
  'no_expected_close_date',
  'priority_by_score',
  'priority_by_class',
  // ---- codes: movement ----
  'invalid_probability',
  'invalid_forecast_category',
  // ---- codes: winloss ----
  'blank_loss_reason',
  'duplicate_loss_reason',
  'unknown_loss_reason',
  'reopen_forbidden',
  'resume_guard_failed',
  'resume_guard_missing',
  'too_few_open_deals',
  'thin_top_of_funnel',
  'stage_short_of_required',
  'stage_loss_rate_high',
  'close_gap',
  'deal_size_band_empty',
  'stalled_undecided',
  'stalled_losing_to_competitor',
  'stalled_blocked_by_customer',
  // ---- codes: mix ----
  // ---- codes: sql ----
  'sql_not_expressible',
  // ---- codes: lead ----
  // ---- codes: cols ----
  'events_not_grouped',
  // ---- codes: snapshot ----
  // ---- codes: forecastcols ----
  // ---- codes: winloss14 ----
  // ---- codes: survival14 ----
  // ---- codes: stalled14 ----
  // ---- codes: limits ----
  // ---- codes: sqldedup ----
  // ---- codes: cli14 ----
  'missing_opportunity',
  // ---- codes: examples ----
  // ---- codes: mutmoney ----
  // ---- codes: mutdist ----
  // ---- codes: mutflow ----
  // ---- codes: mutterr ----
  // ---- codes: cols2 ----
  // ---- codes: dedup ----
  // ---- codes: parse ----
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
