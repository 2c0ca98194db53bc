import type { IssueCode, Locale } from './codes.js';
import type { ReasonCode } from './reasons.js';

/**
 * Text given in several locales: `en` is required and is the fallback for a locale
 * that is missing. Any message parameter may be one (a guard's `detail`, a `reason`),
 * so a caller's own words render in the reader's language.
 */
export type LocalizedText = { readonly en: string } & { readonly [L in Locale]?: string };

/**
 * Why the library refused a value: a stable `code` (a key of {@link REASONS}), the
 * values its text was made from, and the text in every supported locale. A
 * {@link LocalizedText}, so a message shows it in the reader's language; made by
 * `because(code, params)`.
 */
export interface Reason {
  /** Stable snake_case code: branch on this, never on the text. */
  readonly code: ReasonCode;
  /** The values the text was made from, when it has any. */
  readonly params?: IssueParams;
  /** The reason in English. */
  readonly en: string;
  /** The reason in Simplified Chinese. */
  readonly 'zh-CN': string;
}

/** One value that fills a placeholder: JSON-friendly, so issues serialize. */
export type ParamValue = string | number | boolean | null | LocalizedText;

/**
 * Values that fill a message template, by placeholder name: the loose shape every
 * typed params object fits, for templates that are not issue messages (and for issues
 * read back from storage).
 */
export type IssueParams = {
  /** The value of the placeholder `{name}`; `undefined` when the param is absent. */
  readonly [name: string]: ParamValue | undefined;
};

/** A command word, as named in `reason_required` (`'move back'` is a backward move). */
export type CommandWord = 'advance' | 'move' | 'move back' | 'win' | 'lose' | 'suspend' | 'resume' | 'reopen';

/** An opportunity status, as named in messages. */
export type StatusWord = 'open' | 'suspended' | 'won' | 'lost';

/** A stage kind, as named in messages. */
export type StageKindWord = 'open' | 'won' | 'lost';

/** How a key task is satisfied, as named in messages. */
export type CheckKindWord = 'manual' | 'field' | 'guard' | 'contact_met';

/** The clock a stall is measured on, as named in messages. */
export type ClockWord = 'stage_entry' | 'last_activity' | 'last_event' | 'created';

/** A contact's buying role (采购角色), as named in messages. */
export type BuyingRoleWord = 'decision_maker' | 'technical_evaluator' | 'purchaser' | 'user' | 'influencer' | 'other';

/** A period unit, as named in messages. */
export type PeriodWord = 'month' | 'quarter' | 'year' | 'fiscal_quarter' | 'fiscal_year';

/** Params of a code whose message has no placeholder. */
export type NoParams = {
  /** No name has a value. */
  readonly [name: string]: never;
};

/** Params naming a key task and its stage. */
type TaskParams = {
  readonly taskId: string;
  readonly title: string;
  readonly stageId: string;
  readonly stageName: string;
};

/** Params of a move between two stages (ids, and names when known). */
type MoveParams = {
  readonly from: string;
  readonly to: string;
  readonly fromName: string;
  readonly toName: string;
};

/**
 * The params of every issue code: what `issue.params` holds once `issue.code` is known.
 *
 * Conventions: stage and task ids sit next to their display names (`stageName`,
 * `fromName`, `title`) and messages show the names; a money amount is `amount` (an
 * exact decimal string) with its `currency`; day counts are numbers of days; enum
 * values (`command`, `status`, `kind`, `clock`) are the machine words, translated only
 * when rendered; the library's reasons (`reason`, `what`) are a {@link Reason} (a code and
 * its text in every locale); a guard's `detail` may be a {@link LocalizedText}.
 */
export interface IssueParamsByCode {
  // programmer errors (FunnelError)
  /** `left`, `right`: the two currencies that met without exchange rates. */
  readonly currency_mismatch: { readonly left: string; readonly right: string };
  /** `currency`: the code as given (not an ISO 4217 code the library knows). */
  readonly unknown_currency: { readonly currency: string };
  /** `value`: the amount as given; `reason`: what is wrong with it. */
  readonly invalid_amount: { readonly value: string; readonly reason: Reason };
  /** `from`, `to`: the currencies the rates lack a rate between. */
  readonly missing_rate: { readonly from: string; readonly to: string };
  /** `reason`: what is wrong with the weights. */
  readonly invalid_weights: { readonly reason: Reason };
  /** `name`: the positional argument; `reason`: what is wrong with it. */
  readonly invalid_argument: { readonly name: string; readonly reason: Reason };
  /** `option`: the option (dotted for nested ones); `reason`: what is wrong with it. */
  readonly invalid_option: { readonly option: string; readonly reason: Reason };
  /** `value`: the date as given. */
  readonly invalid_plain_date: { readonly value: string };
  /** `value`: the instant as given. */
  readonly invalid_instant: { readonly value: string };
  /** `path`: the user ids of the cycle, joined with ` → `. */
  readonly hierarchy_cycle: { readonly path: string };
  /** `what`: the quantity that grew too large; `limit`: its limit. */
  readonly limit_exceeded: { readonly what: Reason; readonly limit: number };
  // validation (zod issues with a path)
  /** `stageId`: the repeated stage id. */
  readonly duplicate_stage_id: { readonly stageId: string };
  /** `taskId`: the repeated key task id. */
  readonly duplicate_task_id: { readonly taskId: string };
  /** No params. */
  readonly no_open_stage: NoParams;
  /** No params. */
  readonly no_won_stage: NoParams;
  /** No params. */
  readonly no_lost_stage: NoParams;
  /** `value`: the probability as given. */
  readonly probability_out_of_range: { readonly value: string };
  /** `kind`: the closed stage kind; `expected`: the probability it must have. */
  readonly closed_stage_probability: { readonly stageId: string; readonly stageName?: string; readonly kind: 'won' | 'lost'; readonly expected: 0 | 1 };
  /** `total`: the sum of the splits, in basis points. */
  readonly splits_total: { readonly total: number };
  /** `ownerId`: the owner listed twice. */
  readonly duplicate_split_owner: { readonly ownerId: string };
  /** `index`: the 0-based position of the event in `history` (messages show it 1-based). */
  readonly ledger_out_of_order: { readonly index: number };
  /** `index`: 0-based; `expected`: the stage the deal was in; `actual`: the event's `from`. */
  readonly ledger_stage_mismatch: { readonly index: number; readonly expected: string; readonly actual: string; readonly expectedName?: string; readonly actualName?: string };
  /** `expected`: the stage the ledger ends in; `actual`: the deal's `stageId`. */
  readonly ledger_current_stage_mismatch: { readonly expected: string; readonly actual: string; readonly expectedName?: string; readonly actualName?: string };
  /** `stageId`: a stage the pipeline `pipelineId` lacks. */
  readonly stage_not_in_pipeline: { readonly stageId: string; readonly pipelineId: string };
  /** `expected`: the pipeline given; `actual`: the deal's `pipelineId`. */
  readonly pipeline_mismatch: { readonly expected: string; readonly actual: string };
  /** `status`: the status as found in the data (it may be no known status at all). */
  readonly status_stage_mismatch: { readonly status: string; readonly stageKind: StageKindWord; readonly stageId: string; readonly stageName?: string };
  /** `key`: the refused key (`__proto__`, `constructor`, `prototype`). */
  readonly forbidden_key: { readonly key: string };
  /** A structural problem found by zod: its code, its message and the dotted path. */
  readonly invalid_schema: { readonly zodCode: string; readonly message: string | LocalizedText; readonly path: string };
  // ledger replay and collections (parse); `index`: 0-based position in `history`
  /** No params. */
  readonly ledger_empty: NoParams;
  /** `expected`: the event's 1-based position; `actual`: its `seq` as given. */
  readonly ledger_seq_mismatch: { readonly index: number; readonly expected: number; readonly actual: number };
  /** `first`: the index of the event that used the id first. */
  readonly ledger_duplicate_event_id: { readonly index: number; readonly id: string; readonly first: number };
  /** `index`: the 0-based position of the `created` event. */
  readonly ledger_created_not_first: { readonly index: number };
  /** `type`: the event type; `status`: the closed status the deal was in. */
  readonly ledger_event_after_close: { readonly index: number; readonly type: string; readonly status: StatusWord };
  /** `index`: 0-based; `type`: the event type. */
  readonly ledger_event_while_suspended: { readonly index: number; readonly type: string };
  /** `status`: the status the deal was in when the event came. */
  readonly ledger_unexpected_event: { readonly index: number; readonly type: string; readonly status: StatusWord };
  /** `expected`: the status the ledger ends in; `actual`: the deal's status. */
  readonly ledger_status_mismatch: { readonly expected: StatusWord; readonly actual: StatusWord };
  /** `index`: 0-based; `stageId`, `stageKind`: the closed stage a `stage_changed` event enters. */
  readonly ledger_stage_change_closes: { readonly index: number; readonly stageId: string; readonly stageKind: StageKindWord; readonly stageName?: string };
  /** `index`: 0-based; `type`: `won` or `lost`; `stageId`, `stageKind`: the stage it closes in. */
  readonly ledger_close_stage_kind: { readonly index: number; readonly type: 'won' | 'lost'; readonly stageId: string; readonly stageKind: StageKindWord; readonly stageName?: string };
  /** `index`: 0-based; `type`: the event type; `stageId`, `stageKind`: the stage it leaves the deal in. */
  readonly ledger_open_stage_kind: { readonly index: number; readonly type: string; readonly stageId: string; readonly stageKind: StageKindWord; readonly stageName?: string };
  /** `amount` + `currency`: the amount the ledger's last `amount_changed` sets. */
  readonly ledger_amount_mismatch: { readonly index: number; readonly amount: string; readonly currency: string };
  /** `expected`, `actual`: `YYYY-MM-DD` or null (no close date). */
  readonly ledger_close_date_mismatch: { readonly index: number; readonly expected: string | null; readonly actual: string | null };
  /** `index`: 0-based; `expected`: the owner the ledger sets; `actual`: the deal's owner. */
  readonly ledger_owner_mismatch: { readonly index: number; readonly expected: string; readonly actual: string };
  /** `index`: 0-based; `taskId`: the key task whose completion disagrees. */
  readonly ledger_task_mismatch: { readonly index: number; readonly taskId: string; readonly title?: string };
  /** `field`: `splits`, `closedAt`, `lossReason`, `competitor`, `probabilityOverride` or `forecastCategoryOverride`. */
  readonly ledger_field_mismatch: { readonly index: number; readonly field: string };
  /** `limit`: the deepest nesting allowed. */
  readonly json_too_deep: { readonly limit: number };
  /** `first`: the dotted path of the record that has the id first (`opportunities.3`). */
  readonly duplicate_id: { readonly id: string; readonly first: string };
  /** `customerId`: the customer a deal names but the book lacks. */
  readonly missing_customer: { readonly customerId: string };
  /** `pipelineId`: the pipeline a deal names but the book lacks. */
  readonly missing_pipeline: { readonly pipelineId: string };
  // engine (returned refusals)
  /** The key task `taskId` (`title`) of stage `stageId` (`stageName`); `check`: how it is satisfied. */
  readonly key_task_incomplete: TaskParams & {
    readonly check: 'manual' | 'field';
    /** The field a `field` task reads. */
    readonly field?: string;
    /** The rule it must meet (`present`, `>= 100000`, ...). */
    readonly rule?: string;
  };
  /** A skip from `from` (`fromName`) to `to` (`toName`). */
  readonly stage_skip_forbidden: MoveParams;
  /** A backward move from `from` (`fromName`) to `to` (`toName`). */
  readonly backward_move_forbidden: MoveParams;
  /** `command`: the command that needs a reason (`move back` for a backward move, with the move's stages). */
  readonly reason_required: { readonly command: CommandWord } & Partial<MoveParams>;
  /** `status`: `won` or `lost`; `stageId` (`stageName`): the stage the deal is in. */
  readonly opportunity_closed: { readonly status: StatusWord; readonly stageId: string; readonly stageName?: string };
  /** `stageId` (`stageName`): the stage the suspended deal is in. */
  readonly opportunity_suspended: { readonly stageId: string; readonly stageName: string };
  /** `status`: the deal's status; `stageId`: its stage. */
  readonly opportunity_not_suspended: { readonly status: StatusWord; readonly stageId: string };
  /** `status`: the deal's status; `stageId`: its stage. */
  readonly opportunity_not_closed: { readonly status: StatusWord; readonly stageId: string };
  /** `stageId`: the stage id no pipeline stage has; `pipelineId`: the pipeline, when known. */
  readonly unknown_stage: { readonly stageId: string; readonly pipelineId?: string };
  /** `taskId`: the key task id no stage has; `pipelineId`: the pipeline, when known. */
  readonly unknown_task: { readonly taskId: string; readonly pipelineId?: string };
  /** `stageId` (`stageName`, `kind`): a closed stage where an open one is needed. */
  readonly stage_not_open: { readonly stageId: string; readonly stageName?: string; readonly kind?: StageKindWord };
  /** `stageId` (`stageName`, `kind`): the stage named by `win`. */
  readonly stage_not_won: { readonly stageId: string; readonly stageName: string; readonly kind: StageKindWord };
  /** `stageId` (`stageName`, `kind`): the stage named by `lose`. */
  readonly stage_not_lost: { readonly stageId: string; readonly stageName: string; readonly kind: StageKindWord };
  /** `stageId` (`stageName`): the stage the deal is already in. */
  readonly already_in_stage: { readonly stageId: string; readonly stageName: string };
  /** `stageId` (`stageName`): the last open stage. */
  readonly no_next_stage: { readonly stageId: string; readonly stageName: string };
  /**
   * `detail`: the guard's own explanation, shown after the message. A
   * {@link LocalizedText} renders in the reader's locale; a plain string is shown as
   * is (one starting with punctuation, as in 0.1 `': over the limit'`, is appended
   * verbatim).
   */
  readonly guard_failed: Partial<TaskParams> & { readonly guard: string; readonly title: string; readonly detail?: string | LocalizedText };
  /** `guard`: the guard name no registered guard has; the key task and stage that need it. */
  readonly guard_missing: TaskParams & { readonly guard: string };
  /** `kind`: how the key task is satisfied instead (`field`, `guard` or `contact_met`). */
  readonly task_not_manual: TaskParams & { readonly kind: 'field' | 'guard' | 'contact_met' };
  /** The key task already marked done. */
  readonly task_already_completed: TaskParams;
  /** The key task not marked done. */
  readonly task_not_completed: TaskParams;
  /** `at`, `last`: ISO 8601 instants. */
  readonly time_went_backwards: { readonly at: string; readonly last: string };
  /** `type`: the command type given; `field`: the command field at fault. */
  readonly invalid_command: { readonly reason: Reason; readonly type?: string; readonly field?: string };
  /** `expected`: the `expectedVersion` given; `actual`: the ledger length now. */
  readonly version_conflict: { readonly expected: number; readonly actual: number };
  // audit findings (analytics)
  /** `amount` + `currency`: the won amount; `days`: days spent in open stages. */
  readonly won_without_funnel_history: { readonly amount: string; readonly currency: string; readonly days: number; readonly stageName?: string };
  /** `from` (`fromName`) to `to` (`toName`), skipping `count` open stages. */
  readonly stage_skipped: { readonly from: string; readonly to: string; readonly count: number; readonly fromName?: string; readonly toName?: string };
  /** A backward move from `from` (`fromName`) to `to` (`toName`). */
  readonly regressed: { readonly from: string; readonly to: string; readonly fromName?: string; readonly toName?: string };
  /** `periods`: how many `period` units the date moved in all; `period` defaults to a generic "period". */
  readonly close_date_pushed: { readonly pushes: number; readonly periods: number; readonly period?: PeriodWord };
  /** `closeDate`: `YYYY-MM-DD`. */
  readonly close_date_overdue: { readonly closeDate: string; readonly days: number };
  /** No params. */
  readonly missing_close_date: NoParams;
  /** `days`, `threshold`: days; `rule`: which threshold applied. */
  readonly stalled: {
    readonly stageId: string;
    readonly stageName?: string;
    readonly days: number;
    readonly threshold: number;
    readonly clock: ClockWord;
    readonly rule: string;
  };
  /** `probability`: an exact decimal string in [0, 1]. */
  readonly near_zero_probability: { readonly probability: string };
  // ---- params: pool ----
  /** `ownerId`: who held the customer when ledger event `index` claimed it. */
  readonly ledger_claim_while_held: { readonly index: number; readonly ownerId: string };
  /** `type`: the event (`released` or `reclaimed`) that returned a customer nobody held. */
  readonly ledger_release_while_in_pool: { readonly index: number; readonly type: 'released' | 'reclaimed' };
  /** `expected`: the holder after ledger event `index`; `actual`: the customer's `ownerId` (absent: none). */
  readonly ledger_pool_owner_mismatch: { readonly index: number; readonly expected: string; readonly actual?: string };
  /** `actual`: the customer's `ownerId`, though ledger event `index` left it in the pool. */
  readonly ledger_pool_owner_in_pool: { readonly index: number; readonly actual: string };
  /** `ownerId`: the rep who holds customer `customerId` (`customerName`). */
  readonly already_held: { readonly customerId: string; readonly customerName: string; readonly ownerId: string };
  /** `held`: the customers `ownerId` holds; `limit`: the pool's `holdLimit`. */
  readonly hold_limit_reached: { readonly ownerId: string; readonly held: number; readonly limit: number };
  /** `ownerId` lost the customer to the pool; `until`: the first day (`YYYY-MM-DD`) they may claim it again; `days`: the cooldown. */
  readonly reclaim_cooldown: { readonly customerId: string; readonly customerName: string; readonly ownerId: string; readonly until: string; readonly days: number };
  /** `poolId`: the customer's pool; `team`: the rep's team (absent: in no team). */
  readonly not_in_pool_for_team: { readonly customerId: string; readonly customerName: string; readonly poolId: string; readonly ownerId: string; readonly team?: string };
  /** Customer `customerId` (`customerName`) is in the pool. */
  readonly customer_not_held: { readonly customerId: string; readonly customerName: string };
  /** `poolId`: a pool id listed twice in the pool rules. */
  readonly duplicate_pool_id: { readonly poolId: string };
  /** `rule`: a pool rule that has no effect without the rule `needs`. */
  readonly pool_rule_needs: { readonly rule: string; readonly needs: string };
  // ---- params: activity ----
  /** `field`: the activity field at fault (`kind`, `contactId`, `outcome`, `note`, `opportunityId`, or `activity` for the whole); `reason`: what is wrong. */
  readonly invalid_activity: { readonly field: string; readonly reason: Reason };
  /** `contactId`: not one of the contacts of customer `customerId` (`customerName`). */
  readonly unknown_contact: { readonly contactId: string; readonly customerId: string; readonly customerName?: string };
  /** `expected`: the customer the deal belongs to; `actual`: the customer passed in the options. */
  readonly customer_mismatch: { readonly expected: string; readonly actual: string };
  /** The `contact_met` key task `taskId` needs the deal's customer `customerId` (option `customer`) to read the contacts' roles. */
  readonly contact_check_needs_customer: TaskParams & { readonly role: BuyingRoleWord; readonly customerId: string };
  /**
   * The `contact_met` key task `taskId`: no activity with a contact of buying role `role`
   * is logged on the deal; `contacts`: how many contacts of that role customer
   * `customerId` (`customerName`) has (0: add one first).
   */
  readonly contact_not_met: TaskParams & { readonly role: BuyingRoleWord; readonly customerId: string; readonly customerName?: string; readonly contacts: number };
  // ---- params: qualify ----
  /** `criterionId`: the criterion id a scorecard lists twice. */
  readonly duplicate_criterion_id: { readonly criterionId: string };
  /** `tierId`: the tier id a scorecard lists twice. */
  readonly duplicate_tier_id: { readonly tierId: string };
  /** `tierId`, `minScore`: a tier whose minimum is not below `previous`, the minimum of the tier before it. */
  readonly tiers_out_of_order: { readonly tierId: string; readonly minScore: number; readonly previous: number };
  /** `tierId`: a tier without a minimum score (it takes every score left) that is not the last tier. */
  readonly catch_all_tier_not_last: { readonly tierId: string };
  /** `guard`: a guard name `options.guards` lacks; `criterionId`: the scorecard criterion that names it. */
  readonly scorecard_guard_missing: { readonly guard: string; readonly criterionId: string };
  /** `customerId` (`customerName`): a customer without an open deal, so without an A/B/C/D class. */
  readonly no_open_deal: { readonly customerId: string; readonly customerName?: string };
  /** `openDeals`: the customer's open deals, none of which has an expected close date. */
  readonly no_expected_close_date: { readonly customerId: string; readonly customerName?: string; readonly openDeals: number };
  /** `score` puts the customer in `tier`, which maps to priority `to`; its stored priority is `from`. */
  readonly priority_by_score: {
    readonly customerId: string;
    readonly customerName?: string;
    readonly score: number;
    readonly tier: string;
    readonly from: 'high' | 'medium' | 'low';
    readonly to: 'high' | 'medium' | 'low';
  };
  /**
   * A/B/C/D class `tier` (expected value `amount` + `currency`, nearest expected close
   * date `closeDate`, `days` from `asOf`'s date, negative when past) maps to priority
   * `to`; its stored priority is `from`.
   */
  readonly priority_by_class: {
    readonly customerId: string;
    readonly customerName?: string;
    readonly tier: string;
    readonly amount: string;
    readonly currency: string;
    readonly closeDate: string;
    readonly days: number;
    readonly from: 'high' | 'medium' | 'low';
    readonly to: 'high' | 'medium' | 'low';
  };
  // ---- params: movement ----
  /** A probability override the engine refuses (not a decimal, or outside 0 to 1). */
  readonly invalid_probability: { readonly value: string; readonly reason: Reason };
  /** A forecast-category override the engine refuses (unknown, or `closed` on a deal not won). */
  readonly invalid_forecast_category: { readonly value: string; readonly reason: Reason };
  // ---- params: winloss ----
  /** `index`: the 0-based position of the blank entry in `lossReasons`. */
  readonly blank_loss_reason: { readonly index: number };
  /** `lossReason`: the loss reason listed twice (without surrounding spaces). */
  readonly duplicate_loss_reason: { readonly lossReason: string };
  /** `lossReason`: the reason given to `lose`; `allowed`: the pipeline's loss reasons, joined for reading. */
  readonly unknown_loss_reason: { readonly lossReason: string; readonly allowed: LocalizedText };
  /** `status`: `won` or `lost`; `stageId` (`stageName`): the closed stage the deal is in. */
  readonly reopen_forbidden: { readonly status: StatusWord; readonly stageId: string; readonly stageName: string };
  /** `guard`: the pipeline's `resumeGuard`; `stageId` (`stageName`): the suspended deal's stage; `detail`: the guard's explanation, if any. */
  readonly resume_guard_failed: { readonly guard: string; readonly stageId: string; readonly stageName: string; readonly detail?: string | LocalizedText };
  /** `guard`: the pipeline's `resumeGuard`, which no registered guard has; `stageId` (`stageName`): the deal's stage. */
  readonly resume_guard_missing: { readonly guard: string; readonly stageId: string; readonly stageName: string };
  /** `count`: open deals in follow-up (not suspended); `minimum`: the least the check expects. */
  readonly too_few_open_deals: { readonly count: number; readonly minimum: number };
  /** `count` of the `open` deals stand in the first open stage `stageId` (`stageName`): `share`, below `minShare`. */
  readonly thin_top_of_funnel: {
    readonly stageId: string;
    readonly stageName: string;
    readonly count: number;
    readonly open: number;
    readonly share: number;
    readonly minShare: number;
  };
  /** The reverse funnel needs `required` deals in stage `stageId` (`stageName`), which holds `actual`: `shortfall` short. */
  readonly stage_short_of_required: {
    readonly stageId: string;
    readonly stageName: string;
    readonly required: number;
    readonly actual: number;
    readonly shortfall: number;
  };
  /** `lost` of the `left` entries that left stage `stageId` (`stageName`) were lost: `lossRate`, above `threshold`. */
  readonly stage_loss_rate_high: {
    readonly stageId: string;
    readonly stageName: string;
    readonly lost: number;
    readonly left: number;
    readonly lossRate: number;
    readonly threshold: number;
  };
  /** `crowdedCount` deals expected to close in month `crowdedMonth`, then none in the `months` months `from`–`to` (`YYYY-MM`). */
  readonly close_gap: {
    readonly crowdedMonth: string;
    readonly crowdedCount: number;
    readonly from: string;
    readonly to: string;
    readonly months: number;
  };
  /** `band`: the size band's label; `min`, `max`: its bounds (exact decimals, null when open) in `currency`. */
  readonly deal_size_band_empty: { readonly band: string; readonly min: string | null; readonly max: string | null; readonly currency: string };
  /** A stalled deal in stage `stageId` (`stageName`) of `probability` (an exact decimal string), stalled `days`. */
  readonly stalled_undecided: { readonly stageId: string; readonly stageName: string; readonly probability: string; readonly days: number };
  /** As `stalled_undecided`, for a stage around 50 %. */
  readonly stalled_losing_to_competitor: { readonly stageId: string; readonly stageName: string; readonly probability: string; readonly days: number };
  /** As `stalled_undecided`, for a stage at 75 % or more. */
  readonly stalled_blocked_by_customer: { readonly stageId: string; readonly stageName: string; readonly probability: string; readonly days: number };
  // ---- params: mix ----
  // ---- params: sql ----
  /** `dialect`: the SQL dialect's name; `rule`: what it cannot express, as a code: `time_zone` (dating an instant in an IANA time zone) or `credit_splits` (unnesting the splits JSON array). */
  readonly sql_not_expressible: { readonly dialect: string; readonly rule: string };
  // ---- params: lead ----
  // ---- params: cols ----
  /** `opportunityId`: the opportunity of an event row that does not stand among its deal's events, in the deals' order. */
  readonly events_not_grouped: { readonly opportunityId: string };
  // ---- params: snapshot ----
  // ---- params: forecastcols ----
  // ---- params: winloss14 ----
  // ---- params: survival14 ----
  // ---- params: stalled14 ----
  // ---- params: limits ----
  // ---- params: sqldedup ----
  // ---- params: cli14 ----
  /** `opportunityId`: the deal an events file names that the deals file does not have. */
  readonly missing_opportunity: { readonly opportunityId: string };
  // ---- params: examples ----
  // ---- params: mutmoney ----
  // ---- params: mutdist ----
  // ---- params: mutflow ----
  // ---- params: mutterr ----
  // ---- params: cols2 ----
  // ---- params: dedup ----
  // ---- params: parse ----
}

/** Checks at compile time that {@link IssueParamsByCode} has exactly the codes of `ISSUE_CODES`. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const paramsCoverEveryCode: Exact<keyof IssueParamsByCode, IssueCode> = true;
void paramsCoverEveryCode;

/** Where an issue points: its field path, stage and key task, when there are ones. */
interface IssueLocation {
  /** Path to the offending field, when the issue is about one field. */
  readonly path?: ReadonlyArray<string | number>;
  /** Human-readable message in the requested locale. */
  readonly message: string;
  /** Stage the issue is about, when there is one. */
  readonly stageId?: string;
  /** Key task the issue is about, when there is one. */
  readonly taskId?: string;
}

/**
 * One problem, shared by validation, the engine and the analytics audit: a stable
 * `code`, the `path` to the offending field when there is one, structured `params`
 * typed by the code, and a `message` rendered in the requested locale.
 *
 * A discriminated union on `code` (as zod types its issues): after
 * `if (issue.code === 'key_task_incomplete')`, `issue.params.taskId` is a `string`.
 * `FunnelIssue<'a' | 'b'>` is the union of those two codes' issues.
 */
export type FunnelIssue<C extends IssueCode = IssueCode> = {
  readonly [K in C]: {
    /** Stable snake_case code. */
    readonly code: K;
    /** Structured values the message was made from. */
    readonly params: IssueParamsByCode[K];
  } & IssueLocation;
}[C];

/** The params of an error or issue with code(s) `C`: typed for known codes, loose for any code. */
export type ParamsOf<C extends IssueCode> = [IssueCode] extends [C] ? IssueParams : IssueParamsByCode[C];
