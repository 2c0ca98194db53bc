import type { IssueCode } from './codes.js';

/**
 * 简体中文消息模板，每个代码一条，由 {@link renderTemplate} 渲染：`{name}` 会被
 * `params.name` 替换，`{name:format}` 按格式输出（`money` 金额、`moneyBrief` 以万元计的
 * 金额、`days` 天数、`position` 从 1 开始的序号，`command`、`status` 等枚举值译为中文），
 * `{stageName|stageId}` 优先显示阶段名称；库给出的原因（`reason`）带有中文文本。
 * 因此消息中不会出现英文枚举值、阶段 ID 或英文原因。
 *
 * Simplified Chinese message templates, one per code, with the same placeholders as
 * {@link messagesEn}.
 *
 * @example
 * ```ts
 * import { messagesZhCN } from 'sales-funnel';
 * messagesZhCN.reason_required; //=> '{command:command}需要填写原因。'
 * ```
 *
 * @category Messages
 */
export const messagesZhCN: Readonly<Record<IssueCode, string>> = {
  currency_mismatch: '币种不一致（{left} 与 {right}），且未提供汇率，无法一起计算。',
  unknown_currency: '未知币种“{currency}”，请使用 ISO 4217 币种代码，如人民币为 CNY（不是 RMB）、美元为 USD。',
  invalid_amount: '金额“{value}”无效：{reason}。',
  missing_rate: '缺少从 {from} 到 {to} 的汇率。',
  invalid_weights: '权重无效：{reason}。',
  invalid_argument: '参数“{name}”无效：{reason}。',
  invalid_option: '选项“{option}”无效：{reason}。',
  invalid_plain_date: '日期“{value}”无效，应为 YYYY-MM-DD 格式，如 2026-03-31。',
  invalid_instant: '时间“{value}”无效，应为带时区的 ISO 8601 时间，如 2026-03-31T10:00:00+08:00。',
  hierarchy_cycle: '组织层级存在循环：{path}。',
  limit_exceeded: '{what}超过上限 {limit}。',
  duplicate_stage_id: '阶段 ID“{stageId}”重复。',
  duplicate_task_id: '关键任务 ID“{taskId}”重复。',
  no_open_stage: '销售漏斗至少需要一个进行中阶段（非赢单、输单阶段）。',
  no_won_stage: '销售漏斗至少需要一个赢单阶段。',
  no_lost_stage: '销售漏斗至少需要一个输单阶段。',
  probability_out_of_range: '赢率 {value} 超出范围：应为 0 到 1 之间的小数（如 0.3 表示 30%）。',
  closed_stage_probability: '阶段“{stageName|stageId}”是{kind:stageKind}阶段，赢率必须为 {expected}。',
  splits_total: '指标分割比例合计须为 100%（10,000 基点），当前为 {total} 基点。',
  duplicate_split_owner: '负责人“{ownerId}”在指标分割中重复出现。',
  ledger_out_of_order: '第 {index:position} 条变更记录的时间早于上一条。',
  ledger_stage_mismatch: '第 {index:position} 条变更记录的起始阶段为“{actualName|actual}”，但商机当时处于“{expectedName|expected}”。',
  ledger_current_stage_mismatch: '按变更记录，商机应处于阶段“{expectedName|expected}”，但当前阶段为“{actualName|actual}”。',
  stage_not_in_pipeline: '阶段“{stageId}”不属于销售漏斗“{pipelineId}”。',
  pipeline_mismatch: '商机属于销售漏斗“{actual}”，而不是“{expected}”。',
  status_stage_mismatch: '商机状态“{status:status}”与所在阶段“{stageName|stageId}”（{stageKind:stageKind}阶段）不符。',
  forbidden_key: '不允许使用字段名“{key}”。',
  invalid_schema: '{message}',
  ledger_empty: '变更记录为空：商机至少需要一条变更记录。',
  ledger_seq_mismatch: '第 {index:position} 条变更记录的序号为 {actual}，应为 {expected}。',
  ledger_duplicate_event_id: '第 {index:position} 条变更记录的 ID“{id}”与第 {first:position} 条重复。',
  ledger_created_not_first: '第 {index:position} 条变更记录是创建记录，但它不是第一条。',
  ledger_event_after_close: '第 {index:position} 条变更记录修改了已{status:status}的商机，应先重新打开。',
  ledger_event_while_suspended: '第 {index:position} 条变更记录推进或关闭了已中止的商机，应先恢复。',
  ledger_unexpected_event: '商机处于“{status:status}”状态，不应出现第 {index:position} 条变更记录。',
  ledger_status_mismatch: '按变更记录，商机应为“{expected:status}”，但当前状态为“{actual:status}”。',
  ledger_stage_change_closes: '第 {index:position} 条变更记录把商机移入{stageKind:stageKind}阶段“{stageName|stageId}”；只有赢单或输单记录才能关闭商机。',
  ledger_close_stage_kind: '第 {index:position} 条变更记录以{type:status}关闭商机，但阶段“{stageName|stageId}”是{stageKind:stageKind}阶段。',
  ledger_open_stage_kind: '第 {index:position} 条变更记录使商机处于{stageKind:stageKind}阶段“{stageName|stageId}”，而不是进行中阶段。',
  ledger_amount_mismatch: '金额与第 {index:position} 条变更记录设定的 {amount:money} 不一致。',
  ledger_close_date_mismatch: '预计成交日期与第 {index:position} 条变更记录设定的不一致。',
  ledger_owner_mismatch: '负责人“{actual}”与第 {index:position} 条变更记录设定的“{expected}”不一致。',
  ledger_task_mismatch: '关键任务“{title|taskId}”与最后一次完成或重开它的第 {index:position} 条变更记录不一致。',
  ledger_field_mismatch: '{field:field}与第 {index:position} 条变更记录不一致。',
  json_too_deep: 'JSON 嵌套超过 {limit} 层。',
  duplicate_id: 'ID“{id}”已被{first:record}使用。',
  missing_customer: '数据中没有客户“{customerId}”。',
  missing_pipeline: '数据中没有销售漏斗“{pipelineId}”。',
  key_task_incomplete: '阶段“{stageName}”的关键任务“{title}”尚未完成。',
  stage_skip_forbidden: '本销售漏斗不允许跳过阶段：不能从“{fromName}”直接推进到“{toName}”。',
  backward_move_forbidden: '本销售漏斗不允许从“{fromName}”退回到“{toName}”。',
  reason_required: '{command:command}需要填写原因。',
  opportunity_closed: '商机已{status:status}，请先重新打开。',
  opportunity_suspended: '商机已中止，请先恢复（重新激活）。',
  opportunity_not_suspended: '商机未处于中止状态。',
  opportunity_not_closed: '商机尚未关闭，无法重新打开。',
  unknown_stage: '未知阶段“{stageId}”。',
  unknown_task: '未知关键任务“{taskId}”。',
  stage_not_open: '阶段“{stageName|stageId}”不是进行中阶段。',
  stage_not_won: '阶段“{stageName}”不是赢单阶段。',
  stage_not_lost: '阶段“{stageName}”不是输单阶段。',
  already_in_stage: '商机已处于阶段“{stageName}”。',
  no_next_stage: '“{stageName}”已是最后一个进行中阶段，请直接标记为赢单或输单。',
  guard_failed: '关键任务“{title}”未通过检查（{guard}）{detail?:detail}。',
  guard_missing: '关键任务“{title}”所需的检查“{guard}”未注册。',
  task_not_manual: '关键任务“{title}”由系统按{kind:checkKind}自动判定，不能手动标记完成。',
  task_already_completed: '关键任务“{title}”已完成。',
  task_not_completed: '关键任务“{title}”尚未完成。',
  time_went_backwards: '操作时间 {at:instant} 早于该商机最近一条变更记录的时间（{last:instant}）。',
  invalid_command: '无效命令：{reason}。',
  version_conflict: '商机已被他人修改：预期版本为 {expected}，当前版本为 {actual}。请重新读取后重试。',
  won_without_funnel_history: '已赢单（{amount:moneyBrief}），但在漏斗各阶段累计停留时间：{days:days}，可能未按流程推进。',
  stage_skipped: '从“{fromName|from}”直接推进到“{toName|to}”，跳过了 {count:stages}。',
  regressed: '从“{fromName|from}”退回到“{toName|to}”。',
  close_date_pushed: '预计成交日期已推迟 {pushes:times}，累计推后 {periods:periods}。',
  close_date_overdue: '预计成交日期（{closeDate}）已过 {days:days}，商机仍未关闭。',
  missing_close_date: '未填写预计成交日期。',
  stalled: '在“{stageName|stageId}”阶段已停留 {days:days}（{clock:clock}），超过停滞上限 {threshold:days}。',
  near_zero_probability: '赢率仅为 {probability:percent}，接近于零。',
  // ---- messages: pool ----
  ledger_claim_while_held: '第 {index:position} 条变更记录领取了已由“{ownerId}”持有的客户，应先退回或回收。',
  ledger_release_while_in_pool: '第 {index:position} 条变更记录把客户退回公海，但当时无人持有该客户。',
  ledger_pool_owner_mismatch: '负责人与第 {index:position} 条变更记录后的持有人“{expected}”不一致。',
  ledger_pool_owner_in_pool: '负责人为“{actual}”，但第 {index:position} 条变更记录已将客户退回公海。',
  already_held: '客户“{customerName|customerId}”已由“{ownerId}”领取。',
  hold_limit_reached: '“{ownerId}”已持有 {held} 个客户，达到上限 {limit} 个。',
  reclaim_cooldown: '客户“{customerName|customerId}”从“{ownerId}”名下退回公海未满 {days:days}，{until} 起才能由其重新领取。',
  not_in_pool_for_team: '客户“{customerName|customerId}”属于公海“{poolId}”，该公海不对“{ownerId}”所在的团队开放。',
  customer_not_held: '客户“{customerName|customerId}”在公海中，无人持有。',
  duplicate_pool_id: '公海“{poolId}”重复列出。',
  pool_rule_needs: '公海规则“{rule}”需要同时设置“{needs}”才生效。',
  // ---- messages: activity ----
  invalid_activity: '跟进记录无效：“{field}”{reason}。',
  unknown_contact: '联系人“{contactId}”不在客户“{customerName|customerId}”的联系人名单中。',
  customer_mismatch: '传入的客户是“{actual}”，但该商机属于客户“{expected}”。',
  contact_check_needs_customer: '阶段“{stageName}”的关键任务“{title}”要核对客户“{customerId}”的联系人：请在选项中传入该客户。',
  contact_not_met: '阶段“{stageName}”的关键任务“{title}”尚未完成：本商机还没有与客户“{customerName|customerId}”的{role:buyingRole}的跟进记录。',
  // ---- messages: qualify ----
  duplicate_criterion_id: '评分项 ID“{criterionId}”重复。',
  duplicate_tier_id: '分级 ID“{tierId}”重复。',
  tiers_out_of_order: '分级“{tierId}”的最低分 {minScore} 不低于上一分级（{previous}）：分级须按最低分从高到低排列。',
  catch_all_tier_not_last: '分级“{tierId}”没有最低分，用于兜底其余所有分数，必须排在最后。',
  scorecard_guard_missing: '评分项“{criterionId}”引用的自定义规则“{guard}”未提供。',
  no_open_deal: '客户“{customerName|customerId}”没有进行中的商机，无法按 A/B/C/D 分类。',
  no_expected_close_date: '客户“{customerName|customerId}”的 {openDeals} 个进行中商机都没有填写预计成交日期，无法按 A/B/C/D 分类。',
  priority_by_score: '客户“{customerName|customerId}”评分 {score} 分，属于 {tier} 级，建议将优先级由“{from:priority}”调整为“{to:priority}”。',
  priority_by_class: '客户“{customerName|customerId}”属于 {tier} 类（预期金额 {amount:moneyBrief}，最近的预计成交日期 {closeDate}），建议将优先级由“{from:priority}”调整为“{to:priority}”。',
  // ---- messages: movement ----
  invalid_probability: '手工赢率“{value}”无效：{reason}。',
  invalid_forecast_category: '手工预测类别“{value}”无效：{reason}。',
  // ---- messages: winloss ----
  blank_loss_reason: '第 {index:position} 个输单原因为空。',
  duplicate_loss_reason: '输单原因“{lossReason}”重复。',
  unknown_loss_reason: '“{lossReason}”不是本销售漏斗设定的输单原因，请从以下原因中选择：{allowed}。',
  reopen_forbidden: '本销售漏斗不允许重新打开已{status:status}的商机：关闭即终止，不再跟进。',
  resume_guard_failed: '恢复商机前的检查（{guard}）未通过{detail?:detail}。',
  resume_guard_missing: '恢复商机所需的检查“{guard}”未注册。',
  too_few_open_deals: '跟进中的商机只有 {count} 个，少于 {minimum} 个，后续成交难以为继。',
  thin_top_of_funnel: '漏斗顶部偏窄：“{stageName}”阶段只有 {count} 个商机，占跟进中商机（{open} 个）的 {share:percent}，低于 {minShare:percent}，需要加强市场推广、补充线索。',
  stage_short_of_required: '“{stageName}”阶段现有 {actual} 个商机，按目标倒推需要 {required} 个，还差 {shortfall} 个。',
  stage_loss_rate_high: '“{stageName}”阶段流失率 {lossRate:percent}（离开该阶段的 {left} 个商机中输单 {lost} 个），高于 {threshold:percent}；若为报价阶段，需检查价格。',
  close_gap: '{crowdedMonth} 预计成交 {crowdedCount} 个商机，之后连续 {months:months}（{from} 至 {to}）没有预计成交的商机，业绩会出现断档。',
  deal_size_band_empty: '“{band}”规模段没有跟进中的商机，商机规模结构单一（例如只有大单、没有小单）。',
  stalled_undecided: '在“{stageName}”阶段（赢率 {probability:percent}）停滞 {days:days}：客户可能仍在犹豫，或销售已与客户失去联系。',
  stalled_losing_to_competitor: '在“{stageName}”阶段（赢率 {probability:percent}）停滞 {days:days}：可能正在输给竞争对手。',
  stalled_blocked_by_customer: '在“{stageName}”阶段（赢率 {probability:percent}）停滞 {days:days}：客户内部可能存在阻碍（预算、审批）。',
  // ---- messages: mix ----
  // ---- messages: sql ----
  sql_not_expressible: 'SQL 方言“{dialect}”无法表达“{rule}”：为避免按不同的规则计算，拒绝生成该查询。',
  // ---- messages: lead ----
  // ---- messages: cols ----
  events_not_grouped: '商机“{opportunityId}”的变更记录不在该商机对应的位置：变更记录须按商机分组，顺序与商机行一致，同一商机的记录按序号排列。',
  // ---- messages: snapshot ----
  // ---- messages: forecastcols ----
  // ---- messages: winloss14 ----
  // ---- messages: survival14 ----
  // ---- messages: stalled14 ----
  // ---- messages: limits ----
  // ---- messages: sqldedup ----
  // ---- messages: cli14 ----
  missing_opportunity: '数据中没有商机“{opportunityId}”。',
  // ---- messages: examples ----
  // ---- messages: mutmoney ----
  // ---- messages: mutdist ----
  // ---- messages: mutflow ----
  // ---- messages: mutterr ----
  // ---- messages: cols2 ----
  // ---- messages: dedup ----
  // ---- messages: parse ----
};
