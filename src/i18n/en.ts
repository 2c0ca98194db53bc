import type { IssueCode } from './codes.js';

/**
 * English message templates, one per code, rendered by {@link renderTemplate}:
 * `{name}` is replaced by `params.name`, `{name:format}` formats it (`money`, `days`,
 * an enum vocabulary such as `command`).
 *
 * @example
 * ```ts
 * import { messagesEn } from 'sales-funnel';
 * messagesEn.reason_required; //=> 'A reason is required to {command:command}.'
 * ```
 *
 * @category Messages
 */
export const messagesEn: Readonly<Record<IssueCode, string>> = {
  currency_mismatch: 'Cannot combine amounts in {left} and {right} without exchange rates.',
  unknown_currency: 'Unknown currency code "{currency}"; use an ISO 4217 code such as CNY or USD.',
  invalid_amount: 'Invalid amount {value}: {reason}.',
  missing_rate: 'No exchange rate from {from} to {to}.',
  invalid_weights: 'Invalid weights: {reason}.',
  invalid_argument: 'Invalid argument "{name}": {reason}.',
  invalid_option: 'Invalid option "{option}": {reason}.',
  invalid_plain_date: 'Invalid calendar date "{value}"; expected YYYY-MM-DD.',
  invalid_instant: 'Invalid instant "{value}"; expected an ISO 8601 date-time with an offset.',
  hierarchy_cycle: 'The org hierarchy has a cycle: {path}.',
  limit_exceeded: '{what} exceeds the limit of {limit}.',
  duplicate_stage_id: 'Stage id "{stageId}" is used more than once.',
  duplicate_task_id: 'Key task id "{taskId}" is used more than once.',
  no_open_stage: 'A pipeline needs at least one open stage.',
  no_won_stage: 'A pipeline needs at least one won stage.',
  no_lost_stage: 'A pipeline needs at least one lost stage.',
  probability_out_of_range: 'Probability {value} is outside 0 to 1.',
  closed_stage_probability: 'Stage "{stageName|stageId}" is {kind:stageKind}, so its probability must be {expected}.',
  splits_total: 'Splits must add up to 10,000 basis points, not {total}.',
  duplicate_split_owner: 'Owner "{ownerId}" appears more than once in the splits.',
  ledger_out_of_order: 'Ledger event {index:position} happens before the event preceding it.',
  ledger_stage_mismatch: 'Ledger event {index:position} starts from stage "{actualName|actual}", but the deal was in "{expectedName|expected}".',
  ledger_current_stage_mismatch: 'The ledger leaves the deal in stage "{expectedName|expected}", but its current stage is "{actualName|actual}".',
  stage_not_in_pipeline: 'Stage "{stageId}" is not a stage of pipeline "{pipelineId}".',
  pipeline_mismatch: 'The opportunity belongs to pipeline "{actual}", not "{expected}".',
  status_stage_mismatch: 'Status "{status:status}" does not match the {stageKind:stageKind} stage "{stageName|stageId}".',
  forbidden_key: 'The key "{key}" is not allowed.',
  invalid_schema: '{message}',
  ledger_empty: 'The ledger is empty: a deal needs at least one event.',
  ledger_seq_mismatch: 'Ledger event {index:position} has seq {actual}; its position is {expected}.',
  ledger_duplicate_event_id: 'Ledger event {index:position} repeats the id "{id}" of event {first:position}.',
  ledger_created_not_first: 'Ledger event {index:position} creates the deal, but it is not the first event.',
  ledger_event_after_close: 'Ledger event {index:position} changes a deal that is already {status:status}; it must be reopened first.',
  ledger_event_while_suspended: 'Ledger event {index:position} moves or closes a suspended deal; it must be resumed first.',
  ledger_unexpected_event: 'Ledger event {index:position} cannot happen to a deal that is {status:status}.',
  ledger_status_mismatch: 'The ledger leaves the deal {expected:status}, but its status is {actual:status}.',
  ledger_stage_change_closes: 'Ledger event {index:position} moves the deal into the {stageKind:stageKind} stage "{stageName|stageId}"; only a won or lost event closes a deal.',
  ledger_close_stage_kind: 'Ledger event {index:position} closes the deal as {type:status} in the {stageKind:stageKind} stage "{stageName|stageId}".',
  ledger_open_stage_kind: 'Ledger event {index:position} puts the deal in the {stageKind:stageKind} stage "{stageName|stageId}", which is not an open stage.',
  ledger_amount_mismatch: 'The amount differs from {amount:money}, set by ledger event {index:position}.',
  ledger_close_date_mismatch: 'The expected close date differs from the one set by ledger event {index:position}.',
  ledger_owner_mismatch: 'The owner "{actual}" differs from "{expected}", set by ledger event {index:position}.',
  ledger_task_mismatch: 'Key task "{title|taskId}" does not match ledger event {index:position}, the last one to complete or reopen it.',
  ledger_field_mismatch: 'Field "{field:field}" does not match ledger event {index:position}.',
  json_too_deep: 'The JSON value is nested more than {limit} levels deep.',
  duplicate_id: 'The id "{id}" is already used by {first:record}.',
  missing_customer: 'Customer "{customerId}" is not in the book.',
  missing_pipeline: 'Pipeline "{pipelineId}" is not in the book.',
  key_task_incomplete: 'Key task "{title}" of stage "{stageName}" is not done.',
  stage_skip_forbidden: 'Moving from "{fromName}" to "{toName}" skips stages, which this pipeline forbids.',
  backward_move_forbidden: 'Moving back from "{fromName}" to "{toName}" is not allowed in this pipeline.',
  reason_required: 'A reason is required to {command:command}.',
  opportunity_closed: 'The opportunity is already {status:status}; reopen it first.',
  opportunity_suspended: 'The opportunity is suspended; resume it first.',
  opportunity_not_suspended: 'The opportunity is not suspended.',
  opportunity_not_closed: 'The opportunity is not closed, so it cannot be reopened.',
  unknown_stage: 'Unknown stage "{stageId}".',
  unknown_task: 'Unknown key task "{taskId}".',
  stage_not_open: 'Stage "{stageName|stageId}" is not an open stage.',
  stage_not_won: 'Stage "{stageName}" is not a won stage.',
  stage_not_lost: 'Stage "{stageName}" is not a lost stage.',
  already_in_stage: 'The opportunity is already in stage "{stageName}".',
  no_next_stage: 'Stage "{stageName}" is the last open stage; win or lose the deal instead.',
  guard_failed: 'Check "{guard}" for key task "{title}" did not pass{detail?:detail}.',
  guard_missing: 'No guard named "{guard}" was registered for key task "{title}".',
  task_not_manual: 'Key task "{title}" is satisfied by its {kind:checkKind} check, not marked by hand.',
  task_already_completed: 'Key task "{title}" is already done.',
  task_not_completed: 'Key task "{title}" is not done.',
  time_went_backwards: 'The change at {at:instant} is earlier than the last ledger event at {last:instant}.',
  invalid_command: 'Invalid command: {reason}.',
  version_conflict: 'The deal has changed: expected version {expected}, but its ledger is at version {actual}. Read it again and retry.',
  won_without_funnel_history: 'Won for {amount:moneyBrief} after only {days:days} in the open stages of the funnel.',
  stage_skipped: 'Skipped {count:stages} moving from "{fromName|from}" to "{toName|to}".',
  regressed: 'Moved back from "{fromName|from}" to "{toName|to}".',
  close_date_pushed: 'Expected close date pushed {pushes:times}, by {periods:periods} in all.',
  close_date_overdue: 'Expected close date {closeDate} passed {days:days} ago.',
  missing_close_date: 'Open deal without an expected close date.',
  stalled: 'Stalled in stage "{stageName|stageId}" for {days:days} (counted from {clock:clock}), past the limit of {threshold:days}.',
  near_zero_probability: 'Open deal with probability {probability:percent}.',
  // ---- messages: pool ----
  ledger_claim_while_held: 'Ledger event {index:position} claims a customer that "{ownerId}" already holds; it must be released or reclaimed first.',
  ledger_release_while_in_pool: 'Ledger event {index:position} returns to the pool a customer that nobody holds.',
  ledger_pool_owner_mismatch: 'The owner differs from "{expected}", who holds the customer after ledger event {index:position}.',
  ledger_pool_owner_in_pool: 'The owner is "{actual}", but ledger event {index:position} returned the customer to the pool.',
  already_held: 'Customer "{customerName|customerId}" is already held by "{ownerId}".',
  hold_limit_reached: '"{ownerId}" already holds {held} customers; the limit is {limit}.',
  reclaim_cooldown: '"{ownerId}" gave customer "{customerName|customerId}" back to the pool less than {days:days} ago and may claim it again from {until}.',
  not_in_pool_for_team: 'Customer "{customerName|customerId}" is in pool "{poolId}", which is open to other teams than that of "{ownerId}".',
  customer_not_held: 'Customer "{customerName|customerId}" is in the pool: nobody holds it.',
  duplicate_pool_id: 'Pool "{poolId}" is listed twice.',
  pool_rule_needs: 'Pool rule "{rule}" has no effect without "{needs}".',
  // ---- messages: activity ----
  invalid_activity: 'Invalid activity: "{field}" {reason}.',
  unknown_contact: 'Contact "{contactId}" is not one of the contacts of customer "{customerName|customerId}".',
  customer_mismatch: 'The customer given is "{actual}", but the deal belongs to customer "{expected}".',
  contact_check_needs_customer: 'Key task "{title}" of stage "{stageName}" checks who has been met at customer "{customerId}": pass that customer (option customer) to check it.',
  contact_not_met: 'Key task "{title}" of stage "{stageName}" is not done: no activity with the {role:buyingRole} of customer "{customerName|customerId}" is logged on this deal.',
  // ---- messages: qualify ----
  duplicate_criterion_id: 'Criterion id "{criterionId}" is used more than once.',
  duplicate_tier_id: 'Tier id "{tierId}" is used more than once.',
  tiers_out_of_order: 'Tier "{tierId}" starts at {minScore}, not below the tier before it ({previous}): list the tiers from the highest minimum score down.',
  catch_all_tier_not_last: 'Tier "{tierId}" has no minimum score, so it takes every score left and must be the last tier.',
  scorecard_guard_missing: 'No guard named "{guard}" was passed for criterion "{criterionId}".',
  no_open_deal: 'Customer "{customerName|customerId}" has no open deal, so it has no A/B/C/D class.',
  no_expected_close_date: 'None of the {openDeals} open deals of customer "{customerName|customerId}" has an expected close date, so it has no A/B/C/D class.',
  priority_by_score: 'Customer "{customerName|customerId}" scores {score}, tier {tier}: change its priority from {from:priority} to {to:priority}.',
  priority_by_class: 'Customer "{customerName|customerId}" is class {tier} (expected value {amount:moneyBrief}, nearest expected close date {closeDate}): change its priority from {from:priority} to {to:priority}.',
  // ---- messages: movement ----
  invalid_probability: 'Invalid probability {value}: {reason}.',
  invalid_forecast_category: 'Invalid forecast category {value}: {reason}.',
  // ---- messages: winloss ----
  blank_loss_reason: 'Loss reason {index:position} is blank.',
  duplicate_loss_reason: 'Loss reason "{lossReason}" is listed more than once.',
  unknown_loss_reason: '"{lossReason}" is not a loss reason of this pipeline; choose one of: {allowed}.',
  reopen_forbidden: 'This pipeline does not allow reopening a {status:status} deal: closing is final.',
  resume_guard_failed: 'Check "{guard}" for resuming the deal did not pass{detail?:detail}.',
  resume_guard_missing: 'No guard named "{guard}" was registered for resuming the deal.',
  too_few_open_deals: 'Only {count} open deals in follow-up; at least {minimum} are needed to keep wins coming.',
  thin_top_of_funnel: 'The top of the funnel is thin: {count} of {open} open deals ({share:percent}) are at "{stageName}", below {minShare:percent}. More leads are needed (marketing).',
  stage_short_of_required: 'Stage "{stageName}" holds {actual} open deals; the target needs {required}: {shortfall} short.',
  stage_loss_rate_high: 'Stage "{stageName}" loses {lossRate:percent} of the deals that leave it ({lost} of {left}), above {threshold:percent}. At a quote stage, look at the price.',
  close_gap: '{crowdedCount} deals are expected to close in {crowdedMonth}, then none for {months:months} ({from} to {to}): revenue will come in waves.',
  deal_size_band_empty: 'No open deals in the "{band}" size band: the funnel holds only deals of other sizes.',
  stalled_undecided: 'Stalled for {days:days} at "{stageName}" ({probability:percent}): the customer may still be undecided, or we have lost touch.',
  stalled_losing_to_competitor: 'Stalled for {days:days} at "{stageName}" ({probability:percent}): we may be losing it to a competitor.',
  stalled_blocked_by_customer: 'Stalled for {days:days} at "{stageName}" ({probability:percent}): it may be blocked inside the customer (budget, approval).',
  // ---- messages: mix ----
  // ---- messages: sql ----
  sql_not_expressible: 'The SQL dialect {dialect} cannot express {rule}: the query is refused rather than run by a different rule.',
  // ---- messages: lead ----
  // ---- messages: cols ----
  events_not_grouped: 'The events of opportunity "{opportunityId}" are not where its deal expects them: list the event rows grouped by deal, in the order of the deal rows, each deal\'s by seq (deals ORDER BY id, events ORDER BY opportunity_id, seq).',
  // ---- messages: snapshot ----
  // ---- messages: forecastcols ----
  // ---- messages: winloss14 ----
  // ---- messages: survival14 ----
  // ---- messages: stalled14 ----
  // ---- messages: limits ----
  // ---- messages: sqldedup ----
  // ---- messages: cli14 ----
  missing_opportunity: 'Opportunity "{opportunityId}" is not in the book.',
  // ---- messages: examples ----
  // ---- messages: mutmoney ----
  // ---- messages: mutdist ----
  // ---- messages: mutflow ----
  // ---- messages: mutterr ----
  // ---- messages: cols2 ----
  // ---- messages: dedup ----
  // ---- messages: parse ----
};
