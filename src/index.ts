/**
 * sales-funnel: typed models, a key-task stage-gate engine and exact funnel math for
 * B2B sales pipelines (销售漏斗).
 *
 * @module sales-funnel
 */

// i18n and errors
export { ISSUE_CODES, LOCALES, type IssueCode, type Locale } from './i18n/codes.js';
export { messagesEn } from './i18n/en.js';
export { messagesZhCN } from './i18n/zhCN.js';
export { formatIssue } from './i18n/formatIssue.js';
export { formatMessage } from './i18n/formatMessage.js';
export { makeIssue, type MakeIssueOptions } from './i18n/makeIssue.js';
export { renderTemplate } from './i18n/renderTemplate.js';
export { because } from './i18n/because.js';
export { REASONS, type ReasonCode } from './i18n/reasons.js';
export type {
  BuyingRoleWord,
  CheckKindWord,
  ClockWord,
  CommandWord,
  FunnelIssue,
  IssueParams,
  IssueParamsByCode,
  LocalizedText,
  NoParams,
  ParamsOf,
  ParamValue,
  PeriodWord,
  Reason,
  StageKindWord,
  StatusWord,
} from './i18n/params.js';
export { FunnelError } from './i18n/FunnelError.js';
export { isFunnelError } from './i18n/isFunnelError.js';

// money
export { Decimal, type DecimalLike } from './money/decimal.js';
export { CURRENCIES, isCurrencyCode, minorUnitDigits, type CurrencyCode } from './money/currency.js';
export { money, type Money } from './money/money.js';
export { add } from './money/add.js';
export { subtract } from './money/subtract.js';
export { multiply } from './money/multiply.js';
export { compare } from './money/compare.js';
export { sum, type SumOptions } from './money/sum.js';
export { convert, type ExchangeRates } from './money/convert.js';
export { roundToMinor, type RoundingMode } from './money/roundToMinor.js';
export { allocate } from './money/allocate.js';
export { amountIn } from './money/amountIn.js';

// time
export { isPlainDate, plainDate, type PlainDate } from './time/plainDate.js';
export { parseIsoInstant, toInstant, MIN_INSTANT_MS, MAX_INSTANT_MS, type InstantInput } from './time/instant.js';
export { toPlainDate, type CalendarDateInput } from './time/calendarDate.js';
export { checkZone, plainDateOf, startOfPlainDate, zoneOffsetAt, type ZoneOptions } from './time/zone.js';
export { daysBetween, MS_PER_DAY } from './time/daysBetween.js';
export { addDays, addMonths, calendarDaysBetween } from './time/addDays.js';
export { periodBounds, periodOf, type PeriodKey, type PeriodOptions, type PeriodUnit } from './time/periodOf.js';

// model
export * from './model/ids.js';
export {
  attributesSchema,
  currencySchema,
  decimalSchema,
  instantSchema,
  moneySchema,
  plainDateSchema,
  probabilitySchema,
  safeKeySchema,
  DECIMAL_LIMITS,
  MAX_JSON_DEPTH,
  type Attributes,
  type JsonValue,
} from './model/primitives.js';
export * from './model/stage.js';
export * from './model/pipeline.js';
export * from './model/customer.js';
export * from './model/customerEvents.js';
export * from './model/customerPoolState.js';
export * from './model/events.js';
export * from './model/opportunity.js';
export { opportunityVersion } from './model/opportunityVersion.js';
export { parseBook, safeParseBook, type BookInput, type BookResult, type ParseBookOptions, type ParsedBook, type RejectedRecord } from './model/parseBook.js';
export { toFunnelIssues } from './model/toFunnelIssues.js';
export { createdAt } from './model/createdAt.js';
export { opportunityAsOf, type OpportunityAsOfOptions } from './model/opportunityAsOf.js';
export {
  compareGroupKeys,
  GROUP_KEYS,
  groupKeyFn,
  groupLabel,
  NO_GROUP,
  type BuiltInGroupKey,
  type Group,
  type GroupContext,
  type Grouped,
  type GroupKey,
  type GroupOptions,
} from './model/groupBy.js';

// storage: row codecs and DDL
export * from './model/rows/index.js';
// ---- columns and accumulators (issue #14) ----
export {
  COLUMN_EVENT_TYPES, dealColumns, FORECAST_CATEGORY_CODES, isDealColumns, NO_CODE, NO_DAY, STAGE_CHANGE_KINDS, STATUS_CODES,
  type CodeColumn, type DealColumns, type DealColumnsOptions, type DealIds, type EventColumns, type EventValues, type StageCodes,
} from './model/dealColumns.js';
export {
  accumulate, type AccumulateOptions, type Accumulator, type AccumulatorPartial, type DealBatch, type DealSourceItem,
} from './model/accumulator.js';
// ---- columns: cols ----
export { dealColumnsFromRows } from './model/dealColumnsFromRows.js';
export { safeDealColumnsFromRows } from './model/safeDealColumnsFromRows.js';
export type { DealColumnsFromRowsOptions, DealColumnsResult, RejectedRow } from './model/dealColumnsResult.js';
export { dealColumnsFromArrow, type DealColumnsFromArrowOptions } from './model/dealColumnsFromArrow.js';
export { safeDealColumnsFromArrow } from './model/safeDealColumnsFromArrow.js';
export type { ArrowDataLike, ArrowTableLike, ArrowTypeLike, ArrowVectorLike } from './model/arrowTable.js';

// areas
export * from './engine/index.js';
export * from './analytics/index.js';
export * from './forecast/index.js';
export * from './planning/index.js';
export * from './customers/index.js';
