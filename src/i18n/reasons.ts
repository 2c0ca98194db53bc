/**
 * Every reason the library gives for refusing a value, by a stable snake_case code, in
 * every supported locale: the `reason` of `invalid_option`, `invalid_argument`,
 * `invalid_amount`, `invalid_weights` and `invalid_command`, and the `what` of
 * `limit_exceeded`. Templates use the placeholders of {@link renderTemplate}; the
 * library makes a reason with `because(code, params)`, which renders both texts, so an
 * error or issue reads in the reader's language (`formatIssue(issue, 'zh-CN')`) and a
 * program can branch on `params.reason.code`.
 *
 * The English texts are those of 0.1; a Chinese text never contains an English word
 * besides the codes a developer types (option names, `true`, ISO 8601, currency codes).
 *
 * @example
 * ```ts
 * import { REASONS } from 'sales-funnel';
 * REASONS.must_be_object['zh-CN']; //=> '必须是对象'
 * ```
 *
 * @category Messages
 */
export const REASONS = {
  // ---- shapes and types --------------------------------------------------------------
  must_be_object: { en: 'must be an object', 'zh-CN': '必须是对象' },
  must_be_array: { en: 'must be an array', 'zh-CN': '必须是数组' },
  must_be_function: { en: 'must be a function', 'zh-CN': '必须是函数' },
  must_be_boolean: { en: 'must be true or false', 'zh-CN': '必须是 true 或 false' },
  must_be_non_empty_string: { en: 'must be a non-empty string', 'zh-CN': '必须是非空字符串' },
  must_be_user_id: { en: 'must be a non-empty user id', 'zh-CN': '必须是非空的用户 ID' },
  must_be_safe_integer: { en: 'must be a safe integer', 'zh-CN': '必须是安全范围内的整数' },
  must_be_whole_number: { en: 'must be a whole number', 'zh-CN': '必须是整数' },
  must_be_finite_number: { en: 'must be a finite number', 'zh-CN': '必须是有限数值' },
  must_be_decimal_number: { en: 'must be a decimal number', 'zh-CN': '必须是十进制数' },
  must_be_decimal_amount: { en: 'must be a decimal amount', 'zh-CN': '必须是十进制金额' },
  is_required: { en: 'is required', 'zh-CN': '必须提供' },
  must_not_be_negative: { en: 'must not be negative', 'zh-CN': '不能为负数' },
  must_not_be_empty: { en: 'must not be empty', 'zh-CN': '不能为空' },
  at_least: { en: 'must be >= {min}', 'zh-CN': '必须大于或等于 {min}' },
  more_than: { en: 'must be > {min}', 'zh-CN': '必须大于 {min}' },
  in_range: { en: 'must be {range}', 'zh-CN': '必须{range}' },
  finite_number_in_range: { en: 'must be a finite number {range}', 'zh-CN': '必须是{range} 的有限数值' },
  whole_number_at_least: { en: 'must be a whole number >= {min}', 'zh-CN': '必须是大于或等于 {min} 的整数' },
  whole_number_between: { en: 'must be a whole number >= {min} and <= {max}', 'zh-CN': '必须是 {min} 到 {max} 之间的整数' },
  whole_number_from_to: { en: 'must be a whole number from {min} to {max}', 'zh-CN': '必须是 {min} 到 {max} 之间的整数' },
  minutes_from_to: { en: 'must be a whole number of minutes from {min} to {max}', 'zh-CN': '必须是 {min} 到 {max} 之间的整数分钟' },
  one_of: { en: 'must be one of {allowed}', 'zh-CN': '必须是以下之一：{allowed}' },
  duplicate_id: { en: 'duplicate id "{id}"', 'zh-CN': 'ID“{id}”重复' },
  listed_twice: { en: '"{key}" is listed twice', 'zh-CN': '“{key}”重复出现' },
  named_is_negative: { en: '{name} is negative', 'zh-CN': '{name} 为负数' },
  named_at_least: { en: '{name} must be >= {min}', 'zh-CN': '{name} 必须大于或等于 {min}' },
  named_out_of_range: { en: '{name} is out of range', 'zh-CN': '{name} 超出范围' },
  // ---- decimals and money ------------------------------------------------------------
  not_a_decimal: { en: 'is not a decimal number', 'zh-CN': '不是有效的数字' },
  too_many_characters: { en: 'has more than {max} characters', 'zh-CN': '超过 {max} 个字符' },
  value_not_a_decimal: { en: '{value} is not a decimal number', 'zh-CN': '“{value}”不是有效的数字' },
  not_finite: { en: 'must be finite', 'zh-CN': '必须是有限数值' },
  too_many_significant_digits: { en: 'has more than {max} significant digits', 'zh-CN': '有效数字超过 {max} 位' },
  too_many_integer_digits: { en: 'has more than {max} digits before the decimal point', 'zh-CN': '整数部分超过 {max} 位' },
  too_many_decimal_places: { en: 'has more than {max} digits after the decimal point', 'zh-CN': '小数部分超过 {max} 位' },
  inexact_binary_number: {
    en: 'has more digits than a binary number represents exactly; pass a decimal string',
    'zh-CN': '位数超过了二进制浮点数能精确表示的范围，请改用十进制字符串',
  },
  must_be_string_or_number: { en: 'must be a string or number', 'zh-CN': '必须是字符串或数字' },
  must_be_decimal_like: { en: 'must be a string, number or Decimal', 'zh-CN': '必须是字符串、数字或 Decimal' },
  ratio_outside_unit: { en: '{value} is outside 0 to 1', 'zh-CN': '{value} 不在 0 到 1 之间' },
  ratio_negative: { en: '{value} is negative', 'zh-CN': '{value} 为负数' },
  finite_non_negative: { en: 'must be a finite number >= 0', 'zh-CN': '必须是大于或等于 0 的有限数值' },
  not_in_unit_interval: { en: '{value} is not in [0, 1]', 'zh-CN': '{value} 不在 0 到 1 之间' },
  amount_negative: { en: 'an amount cannot be negative', 'zh-CN': '金额不能为负数' },
  expected_money: { en: 'expected a Money value', 'zh-CN': '应为 Money 值（金额与币种）' },
  rate_not_positive: { en: 'rate {currency} must be positive', 'zh-CN': '{currency} 的汇率必须为正数' },
  empty_list_needs_currency: { en: 'an empty list needs options.currency', 'zh-CN': '列表为空时须提供 options.currency' },
  unknown_rounding_mode: { en: 'unknown mode {mode}', 'zh-CN': '未知的舍入方式 {mode}' },
  list_empty: { en: 'the list is empty', 'zh-CN': '列表为空' },
  all_weights_zero: { en: 'all weights are zero', 'zh-CN': '权重全部为 0' },
  total_not_in_minor_units: {
    en: 'the total must be in whole minor units of {currency}; round it first',
    'zh-CN': '总额必须是 {currency} 最小货币单位的整数倍，请先取整',
  },
  // ---- time --------------------------------------------------------------------------
  not_a_calendar_date: { en: '"{value}" is not a calendar date YYYY-MM-DD', 'zh-CN': '“{value}”不是 YYYY-MM-DD 格式的日期' },
  must_be_calendar_date: { en: 'must be a calendar date string YYYY-MM-DD', 'zh-CN': '必须是 YYYY-MM-DD 格式的日期字符串' },
  invalid_date_object: { en: 'is an invalid Date', 'zh-CN': '是无效的 Date 对象' },
  years_out_of_range: { en: 'must fall within the years 0001–9999', 'zh-CN': '必须在 0001–9999 年之间' },
  not_an_instant: {
    en: '"{value}" is not an ISO 8601 date-time with offset in the years 0001–9999',
    'zh-CN': '“{value}”不是 0001–9999 年之间、带时区偏移的 ISO 8601 时间',
  },
  must_be_instant: { en: 'must be a Date or an ISO 8601 date-time string', 'zh-CN': '必须是 Date 对象或 ISO 8601 时间字符串' },
  unknown_time_zone: { en: '"{value}" is not a time zone this runtime knows', 'zh-CN': '运行环境不认识时区“{value}”' },
  zone_and_offset: { en: 'give either timeZone or offsetMinutes, not both', 'zh-CN': 'timeZone 与 offsetMinutes 只能提供其中一个' },
  must_be_time_zone: { en: 'must be an IANA time zone name such as "Asia/Shanghai"', 'zh-CN': '必须是 IANA 时区名，如“Asia/Shanghai”' },
  unknown_period_unit: { en: 'unknown unit {unit}', 'zh-CN': '未知的周期单位 {unit}' },
  not_a_period_key: { en: '"{key}" is not a {unit} key', 'zh-CN': '“{key}”不是{unit:periodUnit}的写法' },
  from_after_to: { en: 'is after to', 'zh-CN': '晚于 to' },
  must_be_dates: { en: 'must be an array of YYYY-MM-DD dates', 'zh-CN': '必须是 YYYY-MM-DD 日期的数组' },
  date_also_holiday: { en: '{date} is also a holiday', 'zh-CN': '{date} 同时也被列为节假日' },
  no_working_day: { en: 'no working day within 400 days of {date}', 'zh-CN': '{date} 前后 400 天内没有工作日' },
  // ---- model -------------------------------------------------------------------------
  must_be_parsed_pipeline: { en: 'must be a parsed pipeline (parsePipeline)', 'zh-CN': '必须是已解析的销售漏斗（parsePipeline）' },
  must_be_pipeline_with_stages: { en: 'must be a parsed pipeline with stages', 'zh-CN': '必须是带阶段的已解析销售漏斗' },
  pipeline_needs_stage_kinds: {
    en: 'needs at least one open, one won and one lost stage; parse it with parsePipeline',
    'zh-CN': '至少需要一个进行中阶段、一个赢单阶段和一个输单阶段；请用 parsePipeline 解析',
  },
  must_be_group_keys: { en: 'must be a list of grouping keys', 'zh-CN': '必须是分组键的列表' },
  must_be_rollup_group: { en: 'must be a group: a key of strings and a value with a count, an amount and a weighted amount', 'zh-CN': '必须是分组：键为字符串列表，值包含数量、金额和加权金额' },
  key_needs_option: { en: '{key} needs the {option} option', 'zh-CN': '按 {key} 分组需要提供 {option} 选项' },
  key_needs_options_field: { en: '{key} needs options.{option}', 'zh-CN': '按 {key} 分组需要提供 options.{option}' },
  unknown_grouping_key: { en: 'unknown grouping key {key}', 'zh-CN': '未知的分组键 {key}' },
  unknown_key: { en: 'unknown key {key}', 'zh-CN': '未知的分组键 {key}' },
  key_function_result: { en: 'a key function must return a string or undefined', 'zh-CN': '分组函数必须返回字符串或 undefined' },
  teams_shape: { en: 'must be a Map or a record of ownerId to team', 'zh-CN': '必须是从 ownerId 到团队的 Map 或对象' },
  must_be_row: { en: 'must be a row object (column name → value)', 'zh-CN': '必须是行对象（列名 → 值）' },
  must_be_event_rows: { en: 'must be an array of event rows', 'zh-CN': '必须是变更记录行的数组' },
  must_be_stamped_event: {
    en: 'must be a ledger event with its seq (stamp drafts with appendEvents first)',
    'zh-CN': '必须是带序号（seq）的变更记录（请先用 appendEvents 为草稿编号）',
  },
  // ---- engine ------------------------------------------------------------------------
  at_required: { en: 'is required: pass the time of the change', 'zh-CN': '必须提供：请传入变更发生的时间' },
  guards_shape: { en: 'must be an object of named functions', 'zh-CN': '必须是由命名函数组成的对象' },
  idempotency_key_shape: {
    en: 'must be a non-empty string of at most {max} characters',
    'zh-CN': '必须是不超过 {max} 个字符的非空字符串',
  },
  guard_result_shape: { en: 'must return a boolean or an array of issues', 'zh-CN': '必须返回布尔值或问题列表' },
  guard_issue_shape: { en: 'must return issues (objects with a code and params)', 'zh-CN': '必须返回问题对象（带 code 和 params）' },
  command_not_object: { en: 'a command must be an object with a "type"', 'zh-CN': '命令必须是带“type”字段的对象' },
  unknown_command_type: {
    en: 'unknown command type "{type}"; expected advance, move, win, lose, suspend, resume or reopen',
    'zh-CN': '未知命令类型“{type}”，应为 advance、move、win、lose、suspend、resume 或 reopen',
  },
  command_field_stage: { en: '"{field}" of a {type} command must be a stage id', 'zh-CN': '{type} 命令的“{field}”必须是阶段 ID' },
  command_field_string: { en: '"{field}" of a {type} command must be a string', 'zh-CN': '{type} 命令的“{field}”必须是字符串' },
  splits_shape: { en: 'splits must be an array or null', 'zh-CN': '指标分割（splits）必须是数组或 null' },
  split_owner: { en: 'split {index} needs a non-empty owner id', 'zh-CN': '第 {index:position} 项指标分割需要非空的负责人 ID' },
  split_basis_points: {
    en: 'split {index} needs basisPoints as a whole number from 0 to 10000',
    'zh-CN': '第 {index:position} 项指标分割的 basisPoints 必须是 0 到 10000 之间的整数',
  },
  new_owner_id: { en: 'the new owner must be a non-empty user id', 'zh-CN': '新负责人必须是非空的用户 ID' },
  // ---- analytics ---------------------------------------------------------------------
  asof_for_snapshot: { en: 'is required: the snapshot is taken at it', 'zh-CN': '必须提供：快照按这一时刻截取' },
  asof_for_judging: { en: 'is required: deals are judged at it', 'zh-CN': '必须提供：按这一时刻检查商机' },
  asof_for_open_deals: { en: 'is required: open deals are censored at it', 'zh-CN': '必须提供：未结束的商机按这一时刻截止计算' },
  asof_for_open_stays: { en: 'is required: open stays are censored at it', 'zh-CN': '必须提供：未结束的停留按这一时刻截止计算' },
  stall_threshold_shape: { en: "must be 'stage', a number of days or { medianMultiple }", 'zh-CN': "必须是 'stage'、天数或 { medianMultiple }" },
  origin_shape: { en: "must be 'created' or { stageId }", 'zh-CN': "必须是 'created' 或 { stageId }" },
  audit_codes_list: { en: 'must be a list of audit codes', 'zh-CN': '必须是体检代码的列表' },
  stage_lists_differ: { en: 'the stage lists differ', 'zh-CN': '两者的阶段列表不同' },
  stall_thresholds_differ: { en: 'the stall thresholds of stage {stageId} differ', 'zh-CN': '阶段 {stageId} 的停滞上限不同' },
  pipelines_differ: { en: 'pipeline {actual} is not {expected}', 'zh-CN': '销售漏斗 {actual} 与 {expected} 不同' },
  cohorts_differ: { en: 'the cohorts differ', 'zh-CN': '两者的队列不同' },
  skip_treatments_differ: { en: 'the skip treatments differ', 'zh-CN': '两者对跳过阶段的处理不同' },
  windows_differ: { en: 'the windows differ', 'zh-CN': '两者的时间窗口不同' },
  asofs_differ: { en: 'the asOf instants differ', 'zh-CN': '两者的 asOf 时刻不同' },
  group_keys_differ: { en: 'the grouping keys differ', 'zh-CN': '两者的分组键不同' },
  // ---- forecast ----------------------------------------------------------------------
  deal_shape: { en: 'must be { amount, probability }', 'zh-CN': '必须是 { amount, probability }' },
  no_stages_need_currency: { en: 'no stages: pass options.currency', 'zh-CN': '没有阶段：请提供 options.currency' },
  no_groups_need_currency: { en: 'no groups: pass options.currency', 'zh-CN': '没有分组：请提供 options.currency' },
  hierarchy_ids: {
    en: '{where} must name non-empty user ids (or null for no manager)',
    'zh-CN': '{where} 必须是非空的用户 ID（没有上级时为 null）',
  },
  two_managers: { en: '"{userId}" has two managers, "{first}" and "{second}"', 'zh-CN': '“{userId}”有两位上级：“{first}”和“{second}”' },
  group_key_too_short: { en: 'group key [{key}] has no element {index}', 'zh-CN': '分组键 [{key}] 没有第 {index:position} 项' },
  predictions_outcomes_arrays: { en: 'predictions and outcomes must be arrays', 'zh-CN': 'predictions 和 outcomes 必须是数组' },
  outcomes_count: { en: '{outcomes} outcomes for {predictions} predictions', 'zh-CN': '有 {predictions} 个预测，却有 {outcomes} 个结果' },
  outcome_value: { en: 'must be 0, 1, true or false', 'zh-CN': '必须是 0、1、true 或 false' },
  model_arrays: { en: 'needs states and probabilities arrays', 'zh-CN': '需要 states 和 probabilities 两个数组' },
  model_rows: { en: 'probabilities must have one row per state', 'zh-CN': 'probabilities 必须每个状态一行' },
  model_stay_entries: { en: 'meanStayDays must have one entry per state', 'zh-CN': 'meanStayDays 必须每个状态一项' },
  model_state_kind: { en: 'state {index} has kind {kind}', 'zh-CN': '第 {index:position} 个状态的类型为 {kind}' },
  model_state_twice: { en: 'state id {id} appears twice', 'zh-CN': '状态 ID {id} 出现了两次' },
  model_stay_days: {
    en: 'meanStayDays[{index}] must be a finite number >= 0 or null',
    'zh-CN': 'meanStayDays 第 {index:position} 项必须是大于或等于 0 的有限数值或 null',
  },
  model_row_length: { en: 'row {index} must have {count} entries', 'zh-CN': '第 {index:position} 行必须有 {count} 项' },
  model_row_entry: { en: 'row {index} has an entry that is not a finite number >= 0', 'zh-CN': '第 {index:position} 行有一项不是大于或等于 0 的有限数值' },
  model_row_sum: { en: 'row {index} adds up to {total}, not 1', 'zh-CN': '第 {index:position} 行之和为 {total}，而不是 1' },
  quantile_levels: { en: 'must be an array of numbers in [0, 1]', 'zh-CN': '必须是 0 到 1 之间的数字组成的数组' },
  total_in_units: { en: 'The total amount in units of {unit}', 'zh-CN': '以 {unit} 为单位的总金额' },
  distinct_sums: { en: 'The number of distinct sums of the exact distribution', 'zh-CN': '精确分布中不同金额的个数' },
  forecast_classes: {
    en: 'The number of distinct (status, probability, forecast category, currency) combinations of the deals',
    'zh-CN': '商机中不同（状态、赢率、预测类别、币种）组合的个数',
  },
  // ---- planning ----------------------------------------------------------------------
  at_least_one_rep: { en: 'at least one rep is needed', 'zh-CN': '至少需要一名销售' },
  duplicate_rep_id: { en: 'duplicate rep id "{id}"', 'zh-CN': '销售 ID“{id}”重复' },
  duplicate_unit_id: { en: 'duplicate unit id "{id}"', 'zh-CN': '区域 ID“{id}”重复' },
  owner_not_a_rep: { en: 'owner "{owner}" is not one of the reps', 'zh-CN': '负责人“{owner}”不在销售名单中' },
  no_plan_within_moves: { en: 'no plan within the move budget', 'zh-CN': '在允许的调整数量内找不到方案' },
  pieces_after_splitting: { en: 'The number of pieces after splitting', 'zh-CN': '拆分后的份数' },
  at_least_one_tier: { en: 'at least one tier is needed', 'zh-CN': '至少需要一个分层' },
  tiers_order: { en: 'tiers must be listed from the highest probability down', 'zh-CN': '分层必须按赢率从高到低排列' },
  last_tier_at_zero: { en: 'the last tier must start at 0 so that every deal has a tier', 'zh-CN': '最后一个分层必须从 0 开始，使每个商机都有所属分层' },
  at_least_one_successor: { en: 'at least one successor is needed', 'zh-CN': '至少需要一名接手人' },
  departing_is_successor: { en: 'the departing rep cannot be a successor', 'zh-CN': '离职的销售不能作为接手人' },
  duplicate_successor: { en: 'duplicate successor "{id}"', 'zh-CN': '接手人“{id}”重复' },
  step_in_minor_units: { en: 'must be a whole number of minor units of {currency}', 'zh-CN': '必须是 {currency} 最小货币单位的整数倍' },
  named_whole_multiple: { en: '{name} must be a whole multiple of {step}', 'zh-CN': '{name} 必须是 {step} 的整数倍' },
  floor_above_cap: { en: 'floor is above cap', 'zh-CN': '下限高于上限' },
  floors_above_target: { en: 'the floors add up to {floors}, more than the target {target}', 'zh-CN': '各下限之和 {floors} 超过了目标 {target}' },
  caps_below_target: { en: 'the caps add up to {caps}, less than the target {target}', 'zh-CN': '各上限之和 {caps} 低于目标 {target}' },
  zero_weights_floors_short: {
    en: 'every weight is zero, so only the floors can be given, and they do not add up to the target',
    'zh-CN': '权重全部为 0，只能分配各下限，而各下限之和不等于目标',
  },
  at_least_one_quota: { en: 'at least one quota is needed', 'zh-CN': '至少需要一个指标' },
  // ---- sales-funnel/testing ----------------------------------------------------------
  checks_list: { en: "must be a non-empty list of 'manual' and 'field'", 'zh-CN': "必须是由 'manual' 和 'field' 组成的非空列表" },
  days_range_shape: { en: 'must be { min, max } in days', 'zh-CN': '必须是以天计的 { min, max }' },
  asof_before_from: { en: 'is before the start of from ("{from}")', 'zh-CN': '早于 from 的开始（“{from}”）' },
  to_before_from: { en: '"{to}" is before from ("{from}")', 'zh-CN': '“{to}”早于 from（“{from}”）' },
  max_before_min: { en: 'is before min', 'zh-CN': '早于 min' },
  string_list: { en: 'must be a list of non-empty strings', 'zh-CN': '必须是非空字符串的列表' },
  pipeline_required: { en: 'is required: a parsed Pipeline', 'zh-CN': '必须提供：已解析的销售漏斗' },
  pipeline_stage_kinds: { en: 'needs at least one open, one won and one lost stage', 'zh-CN': '至少需要一个进行中阶段、一个赢单阶段和一个输单阶段' },
  unknown_currency_code: { en: '"{value}" is not a known ISO 4217 currency code', 'zh-CN': '“{value}”不是已知的 ISO 4217 币种代码' },
  currency_list: { en: 'must be a non-empty list of currency codes', 'zh-CN': '必须是币种代码的非空列表' },
  too_large_for_scale: { en: 'is too large for the scale', 'zh-CN': '按该小数位数计算时太大' },
  no_value_at_scale: { en: 'leaves no value with {scale} digits at or above min', 'zh-CN': '在 min 以上没有 {scale} 位小数的取值' },
  prefix_must_differ: { en: 'must differ from customerIdPrefix', 'zh-CN': '必须与 customerIdPrefix 不同' },
  // ---- reasons: pool ----
  close_rule_needs_deals: {
    en: 'is required with closeWithinDays: a customer with a won deal is not reclaimed',
    'zh-CN': '设置了未成交回收规则时必须提供：已有赢单的客户不回收',
  },
  pool_rules_invalid: { en: 'are not valid pool rules: {detail}', 'zh-CN': '不是有效的公海规则：{detail}' },
  must_be_customer: { en: 'must be a parsed customer (parseCustomer)', 'zh-CN': '必须是已解析的客户' },
  must_be_customers: { en: 'must be an iterable of parsed customers', 'zh-CN': '必须是由已解析客户组成的可迭代对象' },
  asof_for_pool: { en: 'is required: held customers are judged at it', 'zh-CN': '必须提供：按这一时刻判断客户是否到期回收' },
  assign_needs_by: { en: 'is required: the manager who assigns the customer', 'zh-CN': '必须提供：分配客户的主管' },
  // ---- reasons: activity ----
  asof_for_follow_up: { en: 'is required: follow-ups are judged at it', 'zh-CN': '必须提供：按这一时刻判断客户是否该跟进' },
  cadence_shape: {
    en: 'must be a number of days, a record of days by class, or a function of the customer',
    'zh-CN': '必须是天数、按客户分级给出天数的对象，或以客户为参数的函数',
  },
  text_up_to: { en: 'must be a non-empty string of at most {max} characters', 'zh-CN': '必须是不超过 {max} 个字符的非空字符串' },
  // ---- reasons: qualify ----
  asof_for_classes: { en: 'is required: days to close are counted from it', 'zh-CN': '必须提供：距成交的天数从这一时刻起算' },
  weighted_needs_pipelines: { en: 'is required to weigh deals by their probability', 'zh-CN': '按赢率加权时必须提供' },
  guard_returns_boolean: { en: 'must return true or false', 'zh-CN': '必须返回 true 或 false' },
  tier_not_mapped: { en: 'has no priority for tier "{tier}"', 'zh-CN': '没有为分级“{tier}”指定优先级' },
  must_be_classes: { en: 'must be the result of scoreCustomers or classifyABCD', 'zh-CN': '必须是客户评分或 A/B/C/D 分类的结果' },
  // ---- reasons: movement ----
  must_be_opportunity: { en: 'must be a parsed opportunity (parseOpportunity)', 'zh-CN': '必须是已解析的商机' },
  must_be_opportunities: { en: 'must be an iterable (such as an array) of parsed opportunities', 'zh-CN': '必须是由已解析商机组成的可迭代对象（如数组）' },
  must_be_deal_batch: { en: 'must be an iterable (such as an array) of parsed opportunities or a DealColumns chunk', 'zh-CN': '必须是由已解析商机组成的可迭代对象（如数组）或列式数据块' },
  asof_stage_needs_pipeline: {
    en: 'the ledger starts midway and names no stage before the deal closes after asOf: pass the pipeline (its first open stage is taken)',
    'zh-CN': '变更记录从中途开始，商机在 asOf 之后才关闭，之前所处的阶段没有记录：请提供销售漏斗（按第一个进行中阶段计）',
  },
  closed_category_needs_win: {
    en: "'closed' belongs to won deals: win the deal instead",
    'zh-CN': '“已赢单”类别只用于赢单的商机：请直接将商机标记为赢单',
  },
  // ---- reasons: winloss ----
  // ---- reasons: mix ----
  band_min_not_below_max: { en: 'band {index:position} has min {min}, not below its max {max}', 'zh-CN': '第 {index:position} 个金额区间的下限 {min} 不小于上限 {max}' },
  bands_out_of_order: {
    en: 'band {index:position} starts before the band above it ends: list bands from small to large, without overlap',
    'zh-CN': '第 {index:position} 个金额区间与上一个区间重叠或顺序颠倒：请按金额从小到大排列，且互不重叠',
  },
  bands_need_currency: { en: 'no band has a bound: pass options.currency', 'zh-CN': '各金额区间都没有上下限：请提供 options.currency' },
  window_with_open_status: { en: 'open deals have no close time to filter on', 'zh-CN': '进行中的商机没有关闭时间，不能按 from 和 to 筛选' },
  mix_wins_and_shares: {
    en: 'mix band {index:position} must give wins, or share, like the other bands',
    'zh-CN': '金额结构第 {index:position} 项的写法与其他各项不同：各项须同样给出赢单数，或同样给出占比',
  },
  mix_shares_all_zero: { en: 'the shares add up to 0', 'zh-CN': '各项占比之和为 0' },
  mix_target_with_wins: {
    en: 'a mix of wins is the plan itself: leave target out, or give shares',
    'zh-CN': '按赢单数给出的金额结构本身就是计划，不需要销售目标；或改为按占比给出金额结构',
  },
  target_for_shares: { en: 'is required with a mix of shares', 'zh-CN': '按占比给出金额结构时必须提供' },
  mix_or_average: { en: 'give averageDealSize or mix, not both', 'zh-CN': '平均成交金额与金额结构只能提供其中之一' },
  mix_or_average_missing: { en: 'give averageDealSize or mix', 'zh-CN': '请提供平均成交金额或金额结构' },
  period_key_shape: {
    en: '"{key}" is not a period key (2026-04, 2026-Q2, 2026, FY2027-Q1, FY2027)',
    'zh-CN': '“{key}”不是有效的期间（如 2026-04、2026-Q2、2026）',
  },
  campaigns_need_currency: { en: 'no campaigns: pass options.currency', 'zh-CN': '没有市场活动：请提供 options.currency' },
  // ---- reasons: sql ----
  sql_dialect: { en: "must be 'postgres', 'duckdb' or an SQL dialect object", 'zh-CN': "必须是 'postgres'、'duckdb' 或 SQL 方言对象" },
  sql_identifier: { en: 'must be a non-empty name without NUL characters, of at most {max} bytes', 'zh-CN': '必须是非空名称，不含空字符（U+0000），且不超过 {max} 字节' },
  sql_reserved_prefix: { en: 'must not start with sf_ (the prefix of the query’s own subqueries)', 'zh-CN': '不能以 sf_ 开头（查询内部子查询使用该前缀）' },
  sql_unknown_column: { en: '{key} is not a column the queries read', 'zh-CN': '{key} 不是查询读取的列' },
  sql_function_key: { en: 'a function cannot run in the database: use the built-in keys', 'zh-CN': '函数无法在数据库中执行：请使用内置分组键' },
  sql_no_rates: { en: 'exchange rates are not applied in the database: convert the amounts there, or read the deals and use the in-process function', 'zh-CN': '数据库中不做汇率换算：请先在数据库中换算金额，或读出商机后使用进程内函数' },
  sql_not_our_rows: { en: 'must be the rows the generated query returned (each with its part column)', 'zh-CN': '必须是生成的查询返回的行（每行带“part”列）' },
  sql_decimal_as_number: { en: 'read decimals as text: a JavaScript number cannot hold every decimal exactly', 'zh-CN': '请以文本读取小数：浮点数无法精确表示所有小数' },
  sql_not_supported: { en: 'is not computed in the database: read the deals and use the in-process function', 'zh-CN': '不在数据库中计算：请读出商机后使用进程内函数' },
  // ---- reasons: lead ----
  must_be_deals_or_columns: { en: 'must yield deals, arrays of deals or column chunks', 'zh-CN': '必须逐项给出商机、商机数组或列式数据块' },
  accumulators_differ: { en: 'is not a {kind} accumulator (or its partial state) built with the same pipeline and options', 'zh-CN': '不是用相同漏斗和选项创建的 {kind} 累加器（或其部分状态）' },
  columns_other_pipeline: { en: 'the columns were built for pipeline {actual}, not {expected}', 'zh-CN': '该列式数据属于漏斗 {actual}，而不是 {expected}' },
  columns_stages_differ: { en: 'the columns were built for other stages of pipeline {pipelineId}', 'zh-CN': '该列式数据对应漏斗 {pipelineId} 的另一套阶段' },
  function_key_on_columns: { en: 'a function key reads deal objects; columns support the built-in keys only', 'zh-CN': '函数分组键需要商机对象；列式数据只支持内置分组键' },
  // ---- reasons: cols ----
  must_be_arrow_table: { en: 'must be an Arrow table (numRows and getChild(name))', 'zh-CN': '必须是列式数据表' },
  arrow_column_missing: { en: 'has no column {column}', 'zh-CN': '缺少列 {column}' },
  arrow_column_type: { en: 'column {column} must be {expected}', 'zh-CN': '列 {column} 必须是{expected}' },
  // ---- reasons: snapshot ----
  // ---- reasons: forecastcols ----
  // ---- reasons: winloss14 ----
  // ---- reasons: survival14 ----
  // ---- reasons: stalled14 ----
  // ---- reasons: limits ----
  // ---- reasons: sqldedup ----
  // ---- reasons: cli14 ----
  // ---- reasons: examples ----
  // ---- reasons: mutmoney ----
  // ---- reasons: mutdist ----
  // ---- reasons: mutflow ----
  // ---- reasons: mutterr ----
  // ---- reasons: cols2 ----
  // ---- reasons: dedup ----
  // ---- reasons: parse ----
} as const satisfies Readonly<Record<string, { readonly en: string; readonly 'zh-CN': string }>>;

/** A stable snake_case code naming one reason a value is refused (a key of {@link REASONS}). */
export type ReasonCode = keyof typeof REASONS;
