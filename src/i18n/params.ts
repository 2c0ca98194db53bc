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
export type CheckKindWord = 'manual' | 'field' | 'guard';

/** The clock a stall is measured on, as named in messages. */
export type ClockWord = 'stage_entry' | 'last_activity' | 'created';

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
  /** `field`: `splits`, `closedAt`, `lossReason` or `competitor`. */
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
  /** `kind`: how the key task is satisfied instead (`field` or `guard`). */
  readonly task_not_manual: TaskParams & { readonly kind: 'field' | 'guard' };
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
