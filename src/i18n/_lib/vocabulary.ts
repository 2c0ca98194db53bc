import type { Locale } from '../codes.js';

/**
 * The words enum-valued params render as, per locale: a template says which list to use
 * (`{command:command}`, `{status:status}`). The params keep the machine words; only the
 * rendered text changes, so a Chinese message never shows `lose` or `won`. A value missing
 * from a list renders as it is.
 */
export const VOCABULARY = {
  en: {
    command: {
      advance: 'advance',
      move: 'move',
      'move back': 'move back',
      win: 'win',
      lose: 'lose',
      suspend: 'suspend',
      resume: 'resume',
      reopen: 'reopen',
    },
    status: { open: 'open', suspended: 'suspended', won: 'won', lost: 'lost' },
    stageKind: { open: 'open', won: 'won', lost: 'lost' },
    checkKind: { manual: 'manual', field: 'field', guard: 'guard', contact_met: 'contact-met' },
    clock: { stage_entry: 'stage entry', last_activity: 'the last activity', last_event: 'the last change', created: 'creation' },
    periodUnit: { month: 'month', quarter: 'quarter', year: 'year', fiscal_quarter: 'fiscal quarter', fiscal_year: 'fiscal year' },
    field: { splits: 'splits', closedAt: 'closedAt', lossReason: 'lossReason', competitor: 'competitor', probabilityOverride: 'probabilityOverride', forecastCategoryOverride: 'forecastCategoryOverride' },
    priority: { high: 'high', medium: 'medium', low: 'low' },
    buyingRole: { decision_maker: 'decision maker', technical_evaluator: 'technical evaluator', purchaser: 'purchaser', user: 'user', influencer: 'influencer', other: 'contact' },
    boolean: { true: 'yes', false: 'no' },
  },
  'zh-CN': {
    command: {
      advance: '推进',
      move: '变更阶段',
      'move back': '退回',
      win: '赢单',
      lose: '输单',
      suspend: '中止',
      resume: '恢复',
      reopen: '重新打开',
    },
    status: { open: '进行中', suspended: '中止', won: '赢单', lost: '输单' },
    stageKind: { open: '进行中', won: '赢单', lost: '输单' },
    checkKind: { manual: '手动', field: '字段规则', guard: '自定义规则', contact_met: '跟进记录' },
    clock: { stage_entry: '按进入本阶段计', last_activity: '按最近一次跟进计', last_event: '按最近一次变更计', created: '按创建时间计' },
    periodUnit: { month: '月', quarter: '季度', year: '年', fiscal_quarter: '财季', fiscal_year: '财年' },
    field: { splits: '指标分割', closedAt: '关闭时间', lossReason: '输单原因', competitor: '竞争对手', probabilityOverride: '手工赢率', forecastCategoryOverride: '手工预测类别' },
    priority: { high: '高', medium: '中', low: '低' },
    buyingRole: { decision_maker: '决策人', technical_evaluator: '技术选型人', purchaser: '购买人', user: '使用人', influencer: '影响人', other: '其他联系人' },
    boolean: { true: '是', false: '否' },
  },
} as const satisfies Readonly<Record<Locale, Readonly<Record<string, Readonly<Record<string, string>>>>>>;

/** The name of one word list (`command`, `status`, `stageKind`, `checkKind`, `clock`, `periodUnit`, `field`, `priority`, `buyingRole`, `boolean`). */
export type VocabularyName = keyof (typeof VOCABULARY)['en'];

/** The word for `value` in list `name` of `locale`, or `undefined` when the list has none. */
export function vocabularyWord(locale: Locale, name: VocabularyName, value: string): string | undefined {
  const list: Readonly<Record<string, string>> = VOCABULARY[locale][name];
  return Object.hasOwn(list, value) ? list[value] : undefined;
}
