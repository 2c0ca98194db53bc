import {
  appendEvents,
  Decimal,
  parseCustomer,
  parsePipeline,
  plainDateOf,
  type CompletedTask,
  type Customer,
  type KeyTaskId,
  type Locale,
  type Money,
  type Opportunity,
  type OpportunityEventDraft,
  type OpportunityId,
  type Pipeline,
  type PipelineJson,
  type PlainDate,
  type Split,
  type Stage,
  type StageId,
  type UserId,
} from '../index.js';
import { createPrng, type Prng } from './prng.js';
import { addFollowUps, SAMPLE_POOL_RULES, sampleCampaigns, type SampleCampaign } from './sampleLedgers.js';

/**
 * The instant the sample's report is "as of" by default: 2026-11-23T00:00:00Z.
 *
 * @category CLI
 * @example
 * ```ts
 * SAMPLE_AS_OF.toISOString(); //=> '2026-11-23T00:00:00.000Z'
 * ```
 */
export const SAMPLE_AS_OF: Date = new Date('2026-11-23T00:00:00Z');

/**
 * The seed of the embedded sample.
 *
 * @category CLI
 * @example
 * ```ts
 * buildSample({ seed: SAMPLE_SEED }); // the embedded sample
 * ```
 */
export const SAMPLE_SEED = 20_261_123;

/** A person of the sample (a rep or a manager): the user id the data uses, and the name people know. */
export interface SampleUser {
  readonly id: string;
  readonly name: string;
}

/**
 * The embedded sample: one pipeline, its customers and deals, the people the deals name
 * (user ids with display names), and the default `asOf`.
 */
export interface SampleData {
  readonly asOf: Date;
  readonly pipeline: Pipeline;
  readonly customers: readonly Customer[];
  readonly opportunities: readonly Opportunity[];
  readonly users: readonly SampleUser[];
  /** The marketing campaigns the deals' sources name. */
  readonly campaigns: readonly SampleCampaign[];
  /** The rules of the customer pool (公海) the customers' ledgers follow. */
  readonly poolRules: typeof SAMPLE_POOL_RULES;
  /** How often customers are to be followed up, in days by priority. */
  readonly followUpCadenceDays: Readonly<Record<'high' | 'medium' | 'low', number>>;
  /** The reps' quotas for the quarter of the report date. */
  readonly quotas: { readonly period: string; readonly reps: readonly { readonly id: string; readonly quota: Money }[] };
}

/** The reps' quotas for 2026-Q4, in CNY. */
const QUOTAS: readonly (readonly [id: string, amount: number])[] = [
  ['rep-zhang', 4_000_000],
  ['rep-li', 3_500_000],
  ['rep-liu', 4_500_000],
  ['rep-wang', 3_000_000],
  ['rep-chen', 3_000_000],
  ['rep-zhao', 2_000_000],
];

/** Options for {@link buildSample}. */
export interface BuildSampleOptions {
  /**
   * PRNG seed.
   *
   * @defaultValue {@link SAMPLE_SEED}
   */
  readonly seed?: number;
  /**
   * Number of deals.
   *
   * @defaultValue 300
   */
  readonly deals?: number;
  /**
   * Language of the sample's words: stage names, key tasks, products, lead sources,
   * reasons, regions, company and people's names are all Chinese (`zh-CN`) or all
   * English (`en`). The numbers, ids and ledgers are the same in both.
   *
   * @defaultValue `'en'`
   */
  readonly locale?: Locale;
}

/** A word of the sample in both languages: `[简体中文, English]`. */
type Words = readonly [zh: string, en: string];

/** The sample's word in `locale`. */
function say(words: Words, locale: Locale): string {
  return locale === 'zh-CN' ? words[0] : words[1];
}

/** The people of the sample: user ids (the same in both languages) and their names. */
const PEOPLE: readonly (readonly [id: string, name: Words])[] = [
  ['rep-zhang', ['张伟', 'Zhang Wei']],
  ['rep-li', ['李娜', 'Li Na']],
  ['rep-liu', ['刘洋', 'Liu Yang']],
  ['rep-wang', ['王强', 'Wang Qiang']],
  ['rep-chen', ['陈静', 'Chen Jing']],
  ['rep-zhao', ['赵磊', 'Zhao Lei']],
  ['rep-sun', ['孙浩', 'Sun Hao']],
  ['mgr-huang', ['黄敏', 'Huang Min']],
];

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BEIJING = { offsetMinutes: 480 } as const;
/** First day deals are created. */
const START = Date.parse('2024-12-01T00:00:00Z');
/** A rep who left the company; his open deals were handed over (交接) on that day. */
const DEPARTED_REP = 'rep-sun';
const DEPARTURE = Date.parse('2025-09-30T00:00:00Z');
const MANAGER = 'mgr-huang' as UserId;

/** The sample pipeline, its names and key tasks in `locale`. */
function samplePipeline(locale: Locale): PipelineJson {
  const t = (words: Words) => say(words, locale);
  return {
    id: 'direct-sales',
    name: t(['直销漏斗', 'Direct sales']),
    currency: 'CNY',
    policy: { skip: 'gates', backward: 'reason', probabilityOnStageChange: 'reset' },
    stages: [
      {
        id: 'lead', name: t(['潜在客户', 'Lead']), kind: 'open', probability: '0.10', forecastCategory: 'pipeline', stallAfterDays: 30, expectedDays: 20,
        keyTasks: [
          { id: 'lead-source', title: t(['记录线索来源', 'Lead source recorded']), check: { kind: 'field', field: 'attributes.leadSource', rule: { op: 'present' } } },
          { id: 'contact-person', title: t(['确认联系人', 'Contact person identified']), check: { kind: 'manual' } },
        ],
      },
      {
        id: 'contact', name: t(['初步接触', 'First contact']), kind: 'open', probability: '0.20', forecastCategory: 'pipeline', stallAfterDays: 40, expectedDays: 28,
        keyTasks: [
          { id: 'first-visit', title: t(['完成首次拜访', 'First visit done']), check: { kind: 'manual' } },
          { id: 'pain-points', title: t(['记录客户痛点', 'Pain points noted']), required: false, check: { kind: 'manual' } },
        ],
      },
      {
        id: 'qualify', name: t(['需求确认', 'Needs confirmed']), kind: 'open', probability: '0.30', forecastCategory: 'pipeline', stallAfterDays: 50, expectedDays: 35,
        keyTasks: [
          { id: 'needs-confirmed', title: t(['书面确认需求', 'Requirements confirmed in writing']), check: { kind: 'manual' } },
          { id: 'budget-confirmed', title: t(['确认预算', 'Budget confirmed']), check: { kind: 'field', field: 'attributes.budgetConfirmed', rule: { op: 'equals', value: true } } },
          { id: 'close-date-set', title: t(['填写预计成交日期', 'Expected close date set']), check: { kind: 'field', field: 'expectedCloseDate', rule: { op: 'present' } } },
        ],
      },
      {
        id: 'propose', name: t(['方案提出', 'Proposal']), kind: 'open', probability: '0.45', forecastCategory: 'best_case', stallAfterDays: 45, expectedDays: 30,
        keyTasks: [
          { id: 'solution-demo', title: t(['完成方案演示', 'Solution demo held']), check: { kind: 'manual' } },
          { id: 'proposal-sent', title: t(['提交方案书', 'Proposal submitted']), check: { kind: 'manual' } },
          { id: 'reference-visit', title: t(['安排样板客户参观', 'Reference site visit']), required: false, check: { kind: 'manual' } },
        ],
      },
      {
        id: 'negotiate', name: t(['报价洽谈', 'Negotiation']), kind: 'open', probability: '0.60', forecastCategory: 'best_case', stallAfterDays: 40, expectedDays: 25,
        keyTasks: [
          { id: 'quote-sent', title: t(['提交报价', 'Quote submitted']), check: { kind: 'manual' } },
          { id: 'discount-approved', title: t(['折扣不超过 15%（授权范围内）', 'Discount within policy (≤ 15 %)']), check: { kind: 'field', field: 'attributes.discountPct', rule: { op: 'lte', value: '15' } } },
        ],
      },
      {
        id: 'contract', name: t(['合同审批', 'Contract approval']), kind: 'open', probability: '0.75', forecastCategory: 'commit', stallAfterDays: 30, expectedDays: 18,
        keyTasks: [
          { id: 'legal-review', title: t(['合同通过法务审核', 'Contract reviewed by legal']), check: { kind: 'manual' } },
          { id: 'po-received', title: t(['收到采购订单', 'Purchase order received']), check: { kind: 'manual' } },
        ],
      },
      { id: 'won', name: t(['赢单', 'Won']), kind: 'won', probability: 1, keyTasks: [] },
      { id: 'lost', name: t(['输单', 'Lost']), kind: 'lost', probability: 0, keyTasks: [] },
    ],
  };
}

interface RegionSpec {
  /** Stable key (the region's name differs by language). */
  readonly key: string;
  readonly name: Words;
  readonly share: number;
  readonly cities: readonly Words[];
  readonly reps: readonly string[];
}

const REGIONS: readonly RegionSpec[] = [
  { key: 'east', name: ['华东', 'East China'], share: 0.32, cities: [['上海', 'Shanghai'], ['杭州', 'Hangzhou'], ['苏州', 'Suzhou'], ['南京', 'Nanjing'], ['宁波', 'Ningbo'], ['无锡', 'Wuxi'], ['合肥', 'Hefei']], reps: ['rep-zhang', 'rep-li'] },
  { key: 'south', name: ['华南', 'South China'], share: 0.2, cities: [['广州', 'Guangzhou'], ['深圳', 'Shenzhen'], ['东莞', 'Dongguan'], ['佛山', 'Foshan'], ['厦门', 'Xiamen']], reps: ['rep-liu'] },
  { key: 'north', name: ['华北', 'North China'], share: 0.18, cities: [['北京', 'Beijing'], ['天津', 'Tianjin'], ['济南', 'Jinan'], ['青岛', 'Qingdao'], ['石家庄', 'Shijiazhuang']], reps: ['rep-wang'] },
  { key: 'central', name: ['华中', 'Central China'], share: 0.12, cities: [['武汉', 'Wuhan'], ['长沙', 'Changsha'], ['郑州', 'Zhengzhou'], ['南昌', 'Nanchang']], reps: ['rep-chen'] },
  { key: 'west', name: ['西部', 'West China'], share: 0.1, cities: [['成都', 'Chengdu'], ['重庆', 'Chongqing'], ['西安', "Xi'an"], ['昆明', 'Kunming']], reps: ['rep-chen', 'rep-zhao'] },
  { key: 'northeast', name: ['东北', 'Northeast China'], share: 0.08, cities: [['沈阳', 'Shenyang'], ['大连', 'Dalian'], ['长春', 'Changchun'], ['哈尔滨', 'Harbin']], reps: ['rep-zhao'] },
];

const NAME_WORDS: readonly Words[] = [
  ['恒通', 'Hengtong'], ['华盛', 'Huasheng'], ['瑞丰', 'Ruifeng'], ['宏达', 'Hongda'], ['天成', 'Tiancheng'],
  ['中科', 'Zhongke'], ['联创', 'Lianchuang'], ['新元', 'Xinyuan'], ['博远', 'Boyuan'], ['嘉禾', 'Jiahe'],
  ['金桥', 'Jinqiao'], ['永信', 'Yongxin'], ['鼎盛', 'Dingsheng'], ['汇能', 'Huineng'], ['星河', 'Xinghe'],
  ['润泽', 'Runze'], ['安捷', 'Anjie'], ['启明', 'Qiming'], ['海川', 'Haichuan'], ['立信', 'Lixin'],
];
const INDUSTRIES: readonly (readonly [industry: string, suffix: Words])[] = [
  ['manufacturing', ['精密机械有限公司', ' Precision Machinery Co., Ltd.']],
  ['automotive', ['汽车零部件有限公司', ' Auto Parts Co., Ltd.']],
  ['pharma', ['医药股份有限公司', ' Pharmaceutical Co., Ltd.']],
  ['retail', ['商贸有限公司', ' Trading Co., Ltd.']],
  ['logistics', ['物流有限公司', ' Logistics Co., Ltd.']],
  ['electronics', ['电子科技有限公司', ' Electronics Technology Co., Ltd.']],
  ['energy', ['能源集团有限公司', ' Energy Group Co., Ltd.']],
  ['food', ['食品有限公司', ' Foods Co., Ltd.']],
];
const PRODUCTS: readonly (readonly [name: Words, lowest: number, highest: number, weight: number])[] = [
  [['ERP 实施', 'ERP rollout'], 800_000, 4_000_000, 3],
  [['MES 制造执行系统', 'MES (manufacturing execution)'], 1_000_000, 5_000_000, 2],
  [['CRM 部署', 'CRM deployment'], 200_000, 1_200_000, 3],
  [['WMS 仓储管理系统', 'WMS (warehouse management)'], 400_000, 2_000_000, 2],
  [['数据中台', 'Data platform'], 1_500_000, 6_000_000, 1],
  [['IoT 设备联网', 'IoT device connectivity'], 300_000, 1_800_000, 2],
  [['年度运维服务', 'Annual maintenance'], 100_000, 600_000, 2],
];
const LEAD_SOURCES: readonly Words[] = [['官网', 'Website'], ['展会', 'Trade show'], ['转介绍', 'Referral'], ['电话营销', 'Telemarketing'], ['合作伙伴', 'Partner']];
const REFERRAL = LEAD_SOURCES[2]!;
const EARLY_LOSS: readonly Words[] = [['无效线索', 'Unqualified lead'], ['客户无预算', 'No budget'], ['联系不上客户', 'No response']];
const LATE_LOSS: readonly Words[] = [['价格过高', 'Price too high'], ['输给竞争对手', 'Lost to a competitor'], ['项目取消', 'Project cancelled'], ['需求不匹配', 'Requirements mismatch']];
const COMPETITORS: readonly Words[] = [['华科软件', 'Huake Software'], ['云启科技', 'Yunqi Technology'], ['北辰信息', 'Beichen Information'], ['GlobalSoft', 'GlobalSoft']];
const SUSPEND_REASONS: readonly Words[] = [['客户预算冻结', 'Budget frozen'], ['客户组织调整', 'Customer reorganisation']];
const REGRESS_REASON: Words = ['客户重新评估需求', 'Customer re-scoping requirements'];
const EXISTING_CUSTOMER: Words = ['老客户', 'Existing customer'];

/** Per open stage: chance of advance, skip (two stages on), regress, loss when the stay ends. */
const EXITS: readonly (readonly [number, number, number, number])[] = [
  [0.66, 0.05, 0, 0.29],
  [0.7, 0.03, 0.02, 0.25],
  [0.72, 0, 0.05, 0.23],
  [0.75, 0, 0.04, 0.21],
  [0.8, 0, 0.03, 0.17],
  [0.88, 0, 0, 0.12], // from the last open stage, "advance" means won
];

/** Maps any instant into Beijing office hours (09:00–18:00) of the same UTC day, keeping order. */
function officeHours(ms: number): number {
  const day = Math.floor(ms / DAY) * DAY;
  return day + HOUR + Math.floor(((ms - day) * 9) / 24 / 60_000) * 60_000;
}

function dateOf(ms: number): PlainDate {
  return plainDateOf(new Date(ms), BEIJING);
}

function logUniform(rng: Prng, lo: number, hi: number): number {
  return Math.round(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo))) / 1000) * 1000;
}

interface Account {
  readonly customer: Customer;
  readonly region: RegionSpec;
  readonly weight: number;
}

function buildCustomers(rng: Prng, count: number, locale: Locale): Account[] {
  const accounts: Account[] = [];
  const names = new Set<string>();
  while (accounts.length < count) {
    const region = rng.weighted(REGIONS.map((r) => [r, r.share] as const));
    const city = rng.pick(region.cities);
    const word = rng.pick(NAME_WORDS);
    const [industry, suffix] = rng.pick(INDUSTRIES);
    // Names are told apart in one language, so both languages draw the same customers.
    const key = `${city[0]}${word[0]}`;
    if (names.has(key)) continue;
    names.add(key);
    const shortName = locale === 'zh-CN' ? key : `${city[1]} ${word[1]}`;
    const segment = rng.chance(0.3) ? 'existing' : 'new';
    const customer = parseCustomer({
      id: `c-${String(accounts.length + 1).padStart(3, '0')}`,
      name: `${shortName}${say(suffix, locale)}`,
      shortName,
      ownerId: region.reps[0],
      region: say(region.name, locale),
      industry,
      segment,
      priority: rng.weighted([['high', 2], ['medium', 5], ['low', 3]] as const),
      tags: segment === 'existing' ? [say(EXISTING_CUSTOMER, locale)] : [],
    });
    accounts.push({ customer, region, weight: segment === 'existing' ? 2 : 1 });
  }
  return accounts;
}

interface Ctx {
  readonly rng: Prng;
  readonly pipeline: Pipeline;
  readonly open: readonly Stage[];
  readonly won: Stage;
  readonly lost: Stage;
  readonly asOf: number;
  readonly locale: Locale;
}

interface Planned {
  readonly at: number;
  readonly apply: () => OpportunityEventDraft | undefined;
}

/** Simulates one deal's life from creation until it closes or `asOf` arrives. */
function simulateDeal(ctx: Ctx, n: number, account: Account, created: number): Opportunity {
  const { rng, open, asOf } = ctx;
  const region = account.region;
  const word = (words: Words) => say(words, ctx.locale);
  let owner = (created < DEPARTURE && region.key === 'south' && rng.chance(0.45) ? DEPARTED_REP : rng.pick(region.reps)) as UserId;
  const [productName, lo, hi] = rng.weighted(PRODUCTS.map((p) => [p, p[3]] as const));
  const product = word(productName);
  let amount: Money = { amount: new Decimal(logUniform(rng, lo, hi)), currency: ctx.pipeline.currency };
  let closeDate: PlainDate | undefined;
  if (rng.chance(0.5)) closeDate = dateOf(created + Math.round(rng.int(110, 200) * DAY));
  const history: OpportunityEventDraft[] = [];
  const completed = new Map<string, CompletedTask>();
  let splits: Split[] | undefined;
  let status: Opportunity['status'] = 'open';
  let stageIndex = 0;
  let stageId = open[0]!.id;
  let closedAt: number | undefined;
  let lossReason: string | undefined;
  let competitor: string | undefined;
  let leftQualify = false;
  let leftNegotiate = false;
  let everLeftLead = false;
  const handoverAt = officeHours(DEPARTURE + rng.int(1, 10) * DAY);
  const successor = (rng.chance(0.7) ? 'rep-liu' : 'rep-chen') as UserId;

  history.push({ type: 'created', at: new Date(created), by: owner, stageId });
  let t = created;
  for (;;) {
    const stage = open[stageIndex]!;
    const mean = stage.expectedDays ?? 20;
    // Log-normal stays with a heavy tail: about one stay in ten goes cold (the stalled deals).
    const cold = rng.chance(0.1) ? 2.5 + 3 * rng.next() : 1;
    const active = Math.max(1, mean * Math.exp(0.5 * rng.normal()) * cold) * DAY;
    let pause = 0;
    let suspendAt: number | undefined;
    if (stageIndex >= 1 && rng.chance(0.05)) {
      suspendAt = t + active * (0.2 + 0.4 * rng.next());
      pause = rng.int(20, 90) * DAY;
    }
    const exitAt = officeHours(t + active + pause);
    // Events inside the stay stay strictly between its entry and its exit.
    const clamp = (x: number) => Math.min(Math.max(x, t), exitAt - 60_000);
    // a point in the stay, `f` of the way through its active (not suspended) time
    const within = (f: number) => {
      const x = t + f * active;
      return clamp(officeHours(suspendAt !== undefined && x >= suspendAt ? x + pause : x));
    };
    const [pAdvance, pSkip, pRegress, pLoss] = EXITS[stageIndex]!;
    const last = stageIndex === open.length - 1;
    const outcome = rng.weighted([['advance', pAdvance], ['skip', last ? 0 : pSkip], ['regress', stageIndex === 0 ? 0 : pRegress], ['lose', pLoss]] as const);
    const target = outcome === 'advance' ? stageIndex + 1 : outcome === 'skip' ? stageIndex + 2 : outcome === 'regress' ? stageIndex - 1 : stageIndex;
    const forward = outcome === 'advance' || outcome === 'skip';
    const plan: Planned[] = [];
    const by = () => owner;

    // Key tasks (关键任务): every required manual task of the stages a forward move leaves
    // must be done first; other stays finish some of them.
    const gated = forward ? open.slice(stageIndex, last ? open.length : target) : [stage];
    for (const s of gated) {
      for (const task of s.keyTasks) {
        if (task.check.kind !== 'manual' || completed.has(task.id)) continue;
        const doIt = forward ? task.required || rng.chance(0.5) : rng.chance(0.5);
        if (!doIt) continue;
        const at = within(0.1 + 0.75 * rng.next());
        plan.push({
          at,
          apply: () => {
            completed.set(task.id, { at: new Date(at), by: by() });
            return { type: 'task_completed', at: new Date(at), by: by(), taskId: task.id as KeyTaskId };
          },
        });
      }
    }
    // Leaving 需求确认 forward needs an expected close date.
    const passesQualify = forward && stageIndex <= 2 && (target > 2 || last);
    if (closeDate === undefined && (passesQualify || (stageIndex === 2 && rng.chance(0.5)))) {
      const at = within(0.3 * rng.next());
      plan.push({
        at,
        apply: () => {
          const to = dateOf(at + rng.int(60, 150) * DAY);
          const e: OpportunityEventDraft = { type: 'close_date_changed', at: new Date(at), by: by(), from: closeDate ?? null, to };
          closeDate = to;
          return e;
        },
      });
    }
    // Running late: the rep pushes the expected close date out.
    if (rng.chance(0.6)) {
      const at = within(0.5 + 0.4 * rng.next());
      plan.push({
        at,
        apply: () => {
          if (closeDate === undefined || closeDate >= dateOf(at)) return undefined;
          const to = dateOf(at + rng.int(30, 75) * DAY);
          const e: OpportunityEventDraft = { type: 'close_date_changed', at: new Date(at), by: by(), from: closeDate, to };
          closeDate = to;
          return e;
        },
      });
    }
    // Scope and price changes during proposal and negotiation.
    if ((stageIndex === 3 || stageIndex === 4) && rng.chance(0.25)) {
      const at = within(0.2 + 0.6 * rng.next());
      const factor = 0.8 + 0.35 * rng.next();
      plan.push({
        at,
        apply: () => {
          const to: Money = { amount: new Decimal(Math.max(50_000, Math.round((amount.amount.toNumber() * factor) / 1000) * 1000)), currency: amount.currency };
          if (to.amount.eq(amount.amount)) return undefined;
          const e: OpportunityEventDraft = { type: 'amount_changed', at: new Date(at), by: by(), from: amount, to };
          amount = to;
          return e;
        },
      });
    }
    // Big proposals bring in a second rep (联合跟进人) with a 30 % credit split.
    if (stageIndex === 3 && splits === undefined && amount.amount.gte(2_000_000) && owner !== DEPARTED_REP && rng.chance(0.35)) {
      const partner = rng.pick(['rep-zhang', 'rep-li', 'rep-wang', 'rep-liu', 'rep-chen', 'rep-zhao'].filter((r) => r !== owner));
      const at = within(0.3);
      plan.push({
        at,
        apply: () => {
          splits = [{ ownerId: owner, basisPoints: 7000 }, { ownerId: partner as UserId, basisPoints: 3000 }];
          return { type: 'splits_changed', at: new Date(at), by: by(), to: splits };
        },
      });
    }
    // Handover (交接) of the departed rep's open deals.
    if (owner === DEPARTED_REP && handoverAt >= t && handoverAt < exitAt - 60_000) {
      plan.push({
        at: handoverAt,
        apply: () => {
          const e: OpportunityEventDraft = { type: 'owner_changed', at: new Date(handoverAt), by: MANAGER, from: owner, to: successor };
          owner = successor;
          return e;
        },
      });
    }
    if (suspendAt !== undefined) {
      const from = clamp(officeHours(suspendAt));
      const to = Math.max(from, clamp(officeHours(suspendAt + pause)));
      const reason = word(rng.pick(SUSPEND_REASONS));
      plan.push({
        at: from,
        apply: () => {
          status = 'suspended';
          return { type: 'suspended', at: new Date(from), by: by(), reason };
        },
      });
      plan.push({
        at: to,
        apply: () => {
          status = 'open';
          return { type: 'resumed', at: new Date(to), by: by() };
        },
      });
    }

    plan.sort((a, b) => a.at - b.at);
    for (const p of plan) {
      if (p.at > asOf) break;
      const e = p.apply();
      if (e !== undefined) history.push(e);
    }
    if (exitAt > asOf) break;

    const at = new Date(exitAt);
    if (outcome === 'lose') {
      const early = stageIndex <= 1;
      lossReason = word(rng.pick(early ? EARLY_LOSS : LATE_LOSS));
      competitor = !early && rng.chance(0.6) ? word(rng.pick(COMPETITORS)) : undefined;
      history.push({ type: 'lost', at, by: owner, stageId: ctx.lost.id, reason: lossReason, ...(competitor === undefined ? {} : { competitor }) });
      stageId = ctx.lost.id;
      status = 'lost';
      closedAt = exitAt;
      // Now and then a lost deal comes back (reopened) a few months later.
      const back = officeHours(exitAt + rng.int(30, 120) * DAY);
      if (stageIndex >= 2 && rng.chance(0.06) && back <= asOf) {
        stageId = stage.id;
        history.push({ type: 'reopened', at: new Date(back), by: owner, stageId });
        status = 'open';
        closedAt = undefined;
        lossReason = undefined;
        competitor = undefined;
        t = back;
        continue;
      }
      break;
    }
    if (last && outcome === 'advance') {
      history.push({ type: 'won', at, by: owner, stageId: ctx.won.id });
      stageId = ctx.won.id;
      status = 'won';
      closedAt = exitAt;
      leftQualify = leftNegotiate = everLeftLead = true;
      break;
    }
    if (outcome === 'regress') {
      const back = open[target]!;
      history.push({ type: 'stage_changed', at, by: owner, from: stage.id, to: back.id, kind: 'regress', reason: word(REGRESS_REASON) });
      // Re-scoping reopens one of the earlier stage's tasks; it must be done again.
      const redo = back.keyTasks.find((k) => k.check.kind === 'manual' && k.required && completed.has(k.id));
      if (redo !== undefined) {
        completed.delete(redo.id);
        history.push({ type: 'task_reopened', at: new Date(exitAt + 60_000), by: owner, taskId: redo.id });
      }
    } else {
      history.push({ type: 'stage_changed', at, by: owner, from: stage.id, to: open[target]!.id, kind: outcome });
      everLeftLead = true;
      if (passesQualify) leftQualify = true;
      if (stageIndex <= 4 && target > 4) leftNegotiate = true;
    }
    stageIndex = target;
    stageId = open[target]!.id;
    t = exitAt + 60_000;
  }

  const current = open.findIndex((s) => s.id === stageId);
  const attributes: Record<string, string | number | boolean> = { product };
  if (everLeftLead || rng.chance(0.7)) attributes['leadSource'] = word(rng.pick(LEAD_SOURCES));
  if (leftQualify || (current === 2 && rng.chance(0.5))) attributes['budgetConfirmed'] = true;
  if (leftNegotiate) attributes['discountPct'] = rng.int(0, 15);
  else if (current === 4) attributes['discountPct'] = rng.int(0, 25);
  // `status` is also set inside the planned events' closures, which TypeScript does not follow.
  const finalStatus = status as Opportunity['status'];
  const isOpen = finalStatus === 'open' || finalStatus === 'suspended';
  const override = isOpen && current >= 2 && rng.chance(0.08) ? new Decimal(rng.int(2, 17) * 5).div(100) : undefined;
  const commit = isOpen && current === 4 && rng.chance(0.25);

  return {
    id: `opp-${String(n).padStart(4, '0')}` as OpportunityId,
    customerId: account.customer.id,
    pipelineId: ctx.pipeline.id,
    name: `${account.customer.shortName ?? account.customer.name} ${product}`,
    amount,
    ...(closeDate === undefined ? {} : { expectedCloseDate: closeDate }),
    region: word(region.name),
    stageId: stageId as StageId,
    status,
    ...(override === undefined ? {} : { probabilityOverride: override }),
    ...(commit ? { forecastCategoryOverride: 'commit' as const } : {}),
    ownerId: owner,
    ...(splits === undefined ? {} : { splits }),
    completedTasks: Object.fromEntries(completed) as Record<KeyTaskId, CompletedTask>,
    ...(closedAt === undefined ? {} : { closedAt: new Date(closedAt) }),
    ...(lossReason === undefined ? {} : { lossReason }),
    ...(competitor === undefined ? {} : { competitor }),
    attributes,
    history: appendEvents([], history),
  };
}

/**
 * A big deal booked as won on the day it was entered: every key task ticked within the
 * hour. The pattern the audit should flag (a won deal that never sat in the funnel).
 */
function hiddenWin(ctx: Ctx, n: number, account: Account, created: number): Opportunity {
  const { rng, open } = ctx;
  const owner = rng.pick(account.region.reps) as UserId;
  const product = say(PRODUCTS[0]![0], ctx.locale);
  const amount: Money = { amount: new Decimal(logUniform(rng, 2_000_000, 4_000_000)), currency: ctx.pipeline.currency };
  const history: OpportunityEventDraft[] = [{ type: 'created', at: new Date(created), by: owner, stageId: open[0]!.id }];
  const completed = new Map<string, CompletedTask>();
  let at = created;
  for (const s of open) {
    for (const task of s.keyTasks) {
      if (task.check.kind !== 'manual' || !task.required) continue;
      at += 60_000;
      completed.set(task.id, { at: new Date(at), by: owner });
      history.push({ type: 'task_completed', at: new Date(at), by: owner, taskId: task.id as KeyTaskId });
    }
  }
  const closeDate = dateOf(created);
  history.push({ type: 'close_date_changed', at: new Date(at + 60_000), by: owner, from: null, to: closeDate });
  const wonAt = at + 2 * 60_000;
  history.push({ type: 'won', at: new Date(wonAt), by: owner, stageId: ctx.won.id });
  return {
    id: `opp-${String(n).padStart(4, '0')}` as OpportunityId,
    customerId: account.customer.id,
    pipelineId: ctx.pipeline.id,
    name: `${account.customer.shortName ?? account.customer.name} ${product}`,
    amount,
    expectedCloseDate: closeDate,
    region: say(account.region.name, ctx.locale),
    stageId: ctx.won.id,
    status: 'won',
    ownerId: owner,
    completedTasks: Object.fromEntries(completed) as Record<KeyTaskId, CompletedTask>,
    closedAt: new Date(wonAt),
    attributes: { product, leadSource: say(REFERRAL, ctx.locale), budgetConfirmed: true, discountPct: 5 },
    history: appendEvents([], history),
  };
}

/**
 * Builds the embedded sample the CLI reports on when no file is given: one 6-stage
 * direct-sales pipeline (潜在客户 → 初步接触 → 需求确认 → 方案提出 → 报价洽谈 → 合同审批,
 * then 赢单 / 输单) with key tasks on every stage, about 110 customers in six regions,
 * and deals created from December 2024 to November 2026 whose ledgers follow the
 * key-task gates (required manual tasks done before every forward move, field tasks
 * satisfied by the deal's data), with skips, regressions (with a reason), suspensions,
 * close-date pushes, amount changes, credit splits, a departed rep's handover and a few
 * reopened and "won out of nowhere" deals. Lost deals carry a reason (and often the
 * winning competitor), most deals their source (channel, some a campaign), and deals and
 * customers their follow-up activities; customers have contacts with buying roles and a
 * customer-pool ledger (assigned, claimed, followed up, released, reclaimed) that the
 * library's ledger check accepts. The sample also holds its pool rules, a follow-up
 * cadence, four campaigns and the reps' quotas for 2026-Q4. Deterministic: the same
 * options give the same sample, bit for bit; the follow-ups draw from a generator of
 * their own, so the deals' stages, amounts and dates do not depend on them.
 *
 * The sample speaks one language (`options.locale`): in Chinese every name and reason is
 * Chinese (stages 潜在客户 …, reps 张伟 …, regions 华东 …), in English every one is English
 * (Lead …, Zhang Wei …, East China …). Both languages draw the same deals: same ids,
 * amounts, dates and ledgers; `users` names the people behind the user ids.
 *
 * @param options - Seed, number of deals and language.
 * @returns The pipeline, customers, deals, people, pool rules, cadence, campaigns, quotas
 *   and the default `asOf` (2026-11-23T00:00:00Z).
 *
 * @category CLI
 * @example
 * ```ts
 * const { pipeline, opportunities, users } = buildSample({ locale: 'zh-CN' });
 * opportunities.length; //=> 300
 * pipeline.stages[0]?.name; //=> '潜在客户'
 * users[0]; //=> { id: 'rep-zhang', name: '张伟' }
 * ```
 */
export function buildSample(options: BuildSampleOptions = {}): SampleData {
  const seed = options.seed ?? SAMPLE_SEED;
  const deals = options.deals ?? 300;
  const locale: Locale = options.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const rng = createPrng(seed);
  const pipeline = parsePipeline(samplePipeline(locale));
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const won = pipeline.stages.find((s) => s.kind === 'won') as Stage;
  const lost = pipeline.stages.find((s) => s.kind === 'lost') as Stage;
  const asOf = SAMPLE_AS_OF.getTime();
  const ctx: Ctx = { rng, pipeline, open, won, lost, asOf, locale };
  const accounts = buildCustomers(rng, Math.max(10, Math.round(deals * 0.37)), locale);
  const pickAccount = () => rng.weighted(accounts.map((a) => [a, a.weight] as const));

  // Creation times skew late: the business grows.
  const span = asOf - 2 * DAY - START;
  const created = Array.from({ length: deals }, () => officeHours(START + Math.floor(rng.next() ** 0.9 * span)));
  created.sort((a, b) => a - b);
  const hidden = new Set([Math.floor(deals * 0.35), Math.floor(deals * 0.8)]);
  const opportunities = created.map((at, i) =>
    hidden.has(i) ? hiddenWin(ctx, i + 1, pickAccount(), at) : simulateDeal(ctx, i + 1, pickAccount(), at),
  );
  const users = PEOPLE.map(([id, name]) => ({ id, name: say(name, locale) }));
  // The follow-up side (contacts, activities, sources, pool ledgers) draws from a generator
  // of its own, so the deals above are the same with or without it.
  const followUps = addFollowUps(
    createPrng((seed % 1_000_000_007) + 7919),
    accounts.map((a) => ({ customer: a.customer, reps: a.region.reps })),
    opportunities,
    asOf,
    locale,
  );
  return {
    asOf: SAMPLE_AS_OF,
    pipeline,
    customers: followUps.customers,
    opportunities: followUps.opportunities,
    users,
    campaigns: sampleCampaigns(pipeline.currency, locale),
    poolRules: SAMPLE_POOL_RULES,
    followUpCadenceDays: { high: 14, medium: 21, low: 30 },
    quotas: { period: '2026-Q4', reps: QUOTAS.map(([id, amount]) => ({ id, quota: { amount: new Decimal(amount), currency: pipeline.currency } })) },
  };
}
