// The follow-up side of the embedded sample: contacts and their buying roles, follow-up
// activities (跟进记录) on the deals, where each deal came from (campaigns, channels), and
// each customer's ledger in the customer pool (公海): claims, follow-ups, releases and
// reclaims by the pool's rules. Drawn from a PRNG of its own, so that the deals of the
// sample (their stages, amounts and dates) are the same with or without it.
import {
  appendCustomerEvents,
  appendEvents,
  Decimal,
  parseCustomer,
  serializeCustomer,
  type ActivityKind,
  type BuyingRole,
  type Contact,
  type Customer,
  type CustomerEventDraft,
  type CurrencyCode,
  type Locale,
  type Money,
  type Opportunity,
  type OpportunityEventDraft,
  type OpportunityId,
  type UserId,
} from '../index.js';
import type { Prng } from './prng.js';

/** A word of the sample in both languages: `[简体中文, English]`. */
type Words = readonly [zh: string, en: string];

function say(words: Words, locale: Locale): string {
  return locale === 'zh-CN' ? words[0] : words[1];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Maps an instant into Beijing office hours (09:00–18:00, 01:00–10:00 UTC) of the same UTC day, keeping order. */
function officeHours(ms: number): number {
  const day = Math.floor(ms / DAY) * DAY;
  return day + HOUR + Math.floor(((ms - day) * 9) / 24 / 60_000) * 60_000;
}

/** An exponential draw with the given mean. */
function exponential(rng: Prng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

/**
 * The rules of the sample's customer pool (公海规则): a customer must be followed up within
 * 45 days of its claim, and each follow-up gives it another 45 days; the pool warns 7 days
 * ahead; a rep who lost a customer to the pool may claim it again after 30 days; a rep
 * holds at most 30 customers.
 *
 * @category CLI
 * @example
 * ```ts
 * poolStatus(customers, SAMPLE_POOL_RULES, { asOf: SAMPLE_AS_OF });
 * ```
 */
export const SAMPLE_POOL_RULES = {
  followUpDays: 45,
  activityExtensionDays: 45,
  warnDaysBefore: 7,
  reclaimCooldownDays: 30,
  holdLimit: 30,
} as const;

/** A campaign of the sample, as `campaignEffectiveness` reads it. */
export interface SampleCampaign {
  readonly id: string;
  readonly name: string;
  readonly cost: Money;
  readonly channel?: string;
}

/** The sample's campaigns: id, name, cost in the pipeline currency, the lead source (channel) they bring, the year they ran. */
const CAMPAIGNS: readonly (readonly [id: string, name: Words, cost: number, channel: Words, year: number])[] = [
  ['expo-2025', ['2025 智能制造博览会', '2025 Smart Manufacturing Expo'], 1_200_000, ['展会', 'Trade show'], 2025],
  ['expo-2026', ['2026 工业数字化大会', '2026 Industrial Digital Summit'], 1_500_000, ['展会', 'Trade show'], 2026],
  ['partner-2026', ['2026 渠道合作伙伴计划', '2026 Channel partner programme'], 600_000, ['合作伙伴', 'Partner'], 2026],
  ['web-2026', ['官网线上研讨会', 'Website webinars'], 400_000, ['官网', 'Website'], 2026],
];

/** The sample's campaigns in `locale`. */
export function sampleCampaigns(currency: CurrencyCode, locale: Locale): SampleCampaign[] {
  return CAMPAIGNS.map(([id, name, cost, channel]) => ({ id, name: say(name, locale), cost: { amount: new Decimal(cost), currency }, channel: say(channel, locale) }));
}

/**
 * Where a deal came from: its lead source is the channel; a deal from a trade show or a
 * partner, or from the website in 2026, came through that year's campaign (most of the
 * time: some leads of a channel come outside any campaign).
 */
function sourceOf(rng: Prng, deal: Opportunity, locale: Locale): Opportunity['source'] {
  const channel = deal.attributes['leadSource'];
  if (typeof channel !== 'string') return undefined;
  const year = (deal.history[0]?.at ?? new Date(0)).getUTCFullYear();
  const campaign = CAMPAIGNS.find(([, , , words, y]) => say(words, locale) === channel && y === year);
  return campaign !== undefined && rng.chance(0.75) ? { campaignId: campaign[0], channel } : { channel };
}

/** Surnames and given names of the customers' people (same draws in both languages). */
const SURNAMES: readonly Words[] = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'], ['周', 'Zhou'],
  ['吴', 'Wu'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'], ['郭', 'Guo'], ['何', 'He'],
];
const GIVEN: readonly Words[] = [
  ['建国', 'Jianguo'], ['志强', 'Zhiqiang'], ['秀英', 'Xiuying'], ['海燕', 'Haiyan'], ['晓东', 'Xiaodong'], ['丽华', 'Lihua'],
  ['文博', 'Wenbo'], ['春梅', 'Chunmei'], ['国平', 'Guoping'], ['雅琴', 'Yaqin'], ['俊杰', 'Junjie'], ['慧敏', 'Huimin'],
];
/** The buying centre of a customer: roles with their job titles. */
const ROLES: readonly (readonly [role: BuyingRole, titles: readonly Words[]])[] = [
  ['decision_maker', [['总经理', 'General manager'], ['副总经理', 'Deputy general manager'], ['董事长', 'Chairman']]],
  ['technical_evaluator', [['信息中心主任', 'Head of IT'], ['IT 经理', 'IT manager'], ['技术总监', 'Technical director']]],
  ['purchaser', [['采购经理', 'Purchasing manager'], ['采购主管', 'Purchasing lead']]],
  ['user', [['生产经理', 'Production manager'], ['仓储主管', 'Warehouse lead'], ['销售总监', 'Sales director']]],
  ['influencer', [['财务总监', 'Finance director'], ['总经理助理', 'Assistant to the general manager']]],
];

/** Two to five contacts: always a decision maker and a technical evaluator, then some of the others. */
function contactsOf(rng: Prng, customerId: string, locale: Locale): Contact[] {
  const roles = ROLES.filter(([role], i) => i < 2 || rng.chance(role === 'purchaser' ? 0.7 : 0.4));
  return roles.map(([role, titles], i) => {
    const surname = rng.pick(SURNAMES);
    const given = rng.pick(GIVEN);
    return {
      id: `${customerId}-ct${i + 1}`,
      name: locale === 'zh-CN' ? `${surname[0]}${given[0]}` : `${given[1]} ${surname[1]}`,
      role,
      title: say(rng.pick(titles), locale),
    };
  });
}

/** What a follow-up costs (差旅, 招待): most visits, some meetings; calls and emails nothing. */
function costOf(rng: Prng, kind: ActivityKind, currency: CurrencyCode): Money | undefined {
  if (kind === 'visit' && rng.chance(0.7)) return { amount: new Decimal(rng.int(5, 30) * 100), currency };
  if (kind === 'meeting' && rng.chance(0.3)) return { amount: new Decimal(rng.int(10, 50) * 100), currency };
  return undefined;
}

/** A contact for an activity: visits and meetings mostly with the decision maker or the technical evaluator. */
function contactFor(rng: Prng, kind: ActivityKind, contacts: readonly Contact[]): Contact | undefined {
  if (contacts.length === 0 || rng.chance(0.15)) return undefined;
  const senior = contacts.filter((c) => c.role === 'decision_maker' || c.role === 'technical_evaluator');
  return (kind === 'visit' || kind === 'meeting') && senior.length > 0 && rng.chance(0.8) ? rng.pick(senior) : rng.pick(contacts);
}

/** The owner of a deal at `at`: the creator, then each handover's new owner. */
function ownerAt(deal: Opportunity, at: number): UserId {
  let owner = (deal.history[0]?.by ?? deal.ownerId) as UserId;
  for (const e of deal.history) {
    if (e.at.getTime() > at) break;
    if (e.type === 'owner_changed') owner = e.to;
  }
  return owner;
}

/** Inserts drafts into a stamped ledger in time order (an event keeps its place before a later-drafted one at the same instant). */
function mergeLedger(deal: Opportunity, drafts: readonly OpportunityEventDraft[]): Opportunity['history'] {
  if (drafts.length === 0) return deal.history;
  const all: { at: number; k: number; e: OpportunityEventDraft }[] = [
    ...deal.history.map((e, k) => {
      const { seq: _seq, ...draft } = e;
      return { at: e.at.getTime(), k, e: draft as OpportunityEventDraft };
    }),
    ...drafts.map((e, k) => ({ at: e.at.getTime(), k: deal.history.length + k, e })),
  ];
  all.sort((a, b) => a.at - b.at || a.k - b.k);
  return appendEvents(
    [],
    all.map((x) => x.e),
  );
}

/**
 * A deal with its follow-up activities (about one every ten days while it is open, first
 * soon after it is created) and its source. Activities stop at the close (or `asOf`).
 */
function withActivities(rng: Prng, deal: Opportunity, contacts: readonly Contact[], asOf: number, locale: Locale): Opportunity {
  const start = deal.history[0]!.at.getTime();
  const end = Math.min(deal.closedAt?.getTime() ?? asOf, asOf);
  const drafts: OpportunityEventDraft[] = [];
  for (let t = start + exponential(rng, 4 * DAY); t < end; t += Math.max(DAY, exponential(rng, 18 * DAY))) {
    const at = officeHours(t);
    if (at <= start || at > end) continue;
    const kind = rng.weighted([['call', 4], ['email', 3], ['visit', 2], ['meeting', 1]] as const);
    const contact = contactFor(rng, kind, contacts);
    const cost = costOf(rng, kind, deal.amount.currency);
    drafts.push({
      type: 'activity_logged',
      at: new Date(at),
      by: ownerAt(deal, at),
      kind,
      ...(contact === undefined ? {} : { contactId: contact.id }),
      ...(cost === undefined ? {} : { cost }),
    });
  }
  const source = sourceOf(rng, deal, locale);
  return { ...deal, ...(source === undefined ? {} : { source }), history: mergeLedger(deal, drafts) };
}

/** The day the customer pool went live (09:00 Beijing): the customers then in the CRM were assigned to their reps. */
const POOL_START = Date.parse('2026-01-05T01:00:00Z');
/** The sales manager who assigned them. */
const POOL_MANAGER = 'mgr-huang' as UserId;

const RELEASE_REASONS: readonly Words[] = [['客户暂无需求', 'No need at present'], ['客户已选定其他供应商', 'Customer chose another supplier']];

/** The next 1st or 15th of a month at 02:00 Beijing time (18:00 UTC the day before), on or after `ms`: the pool's reclaim runs. */
function nextReclaimRun(ms: number): number {
  for (let day = Math.floor(ms / DAY) * DAY - DAY; ; day += DAY) {
    const run = day + 18 * HOUR; // 02:00 Beijing of the next UTC day
    const date = new Date(run + 8 * HOUR).getUTCDate();
    if ((date === 1 || date === 15) && run >= ms) return run;
  }
}

/** The day (Beijing) a hold falls due: 45 days after the claim or the last follow-up, whichever is later. */
function dueAt(since: number): number {
  const beijingDay = Math.floor((since + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  return beijingDay + (SAMPLE_POOL_RULES.followUpDays * DAY);
}

interface CustomerLife {
  readonly createdAt: number;
  readonly reps: readonly string[];
  readonly firstOwner: string;
  readonly deals: readonly Opportunity[];
}

/**
 * A customer's ledger: assigned to its rep when the pool went live (2026-01-05), or
 * claimed soon after it entered the CRM when that was later, then followed up (every
 * two weeks or so for high-priority customers, every three to four for low), now and then
 * released, or left unattended past its 45 days and reclaimed by the pool (on the 1st or
 * 15th of the month), then claimed again — by the region's other rep, or by the same one after the
 * 30-day cooldown. Ends at `asOf`, where some holds are due and not yet reclaimed.
 */
function customerLedger(rng: Prng, customer: Customer, life: CustomerLife, asOf: number, locale: Locale): { drafts: CustomerEventDraft[]; ownerId: string | undefined } {
  const drafts: CustomerEventDraft[] = [];
  const currency = life.deals[0]?.amount.currency ?? 'CNY';
  const mean = { high: 14, medium: 18, low: 24 }[customer.priority] * DAY;
  let holder: string | undefined = life.firstOwner;
  let since = officeHours(life.createdAt + rng.int(0, 2) * DAY);
  if (since <= life.createdAt) since = life.createdAt + HOUR;
  if (since > asOf) return { drafts, ownerId: undefined };
  if (since < POOL_START) {
    // The pool went live on 2026-01-05: the manager assigned every customer to its rep.
    since = POOL_START;
    drafts.push({ type: 'assigned', at: new Date(since), by: POOL_MANAGER, ownerId: holder as UserId });
  } else drafts.push({ type: 'claimed', at: new Date(since), by: holder as UserId, ownerId: holder as UserId });
  let lastOwner = holder;
  let t = since;
  while (t < asOf) {
    if (holder === undefined) {
      // In the pool: claimed again after a while, by the region's other rep or, after the cooldown, the same one.
      const others = life.reps.filter((r) => r !== lastOwner);
      const next = others.length > 0 && rng.chance(0.7) ? rng.pick(others) : lastOwner;
      const wait = (next === lastOwner ? SAMPLE_POOL_RULES.reclaimCooldownDays + rng.int(1, 40) : rng.int(2, 40)) * DAY;
      const at = officeHours(t + wait);
      if (at > asOf) break;
      holder = next;
      since = t = at;
      drafts.push({ type: 'claimed', at: new Date(at), by: holder as UserId, ownerId: holder as UserId });
      continue;
    }
    // The next follow-up; now and then the rep lets the customer slip for a month or more.
    // (More often lately: year-end, and the manager has not looked at the pool for a while.)
    const lapse = rng.chance(t > asOf - 60 * DAY ? 0.15 : 0.02);
    const gap = lapse ? rng.int(46, 90) * DAY : Math.min(40 * DAY, Math.max(2 * DAY, exponential(rng, mean)));
    const next = officeHours(t + gap);
    const run = nextReclaimRun(dueAt(since));
    if (run < next && run <= asOf) {
      drafts.push({ type: 'reclaimed', at: new Date(run), rule: 'followUpDays' });
      lastOwner = holder;
      holder = undefined;
      t = run;
      continue;
    }
    if (next > asOf) break;
    if (rng.chance(0.012)) {
      drafts.push({ type: 'released', at: new Date(next), by: holder as UserId, reason: say(rng.pick(RELEASE_REASONS), locale) });
      lastOwner = holder;
      holder = undefined;
      t = next;
      continue;
    }
    const kind = rng.weighted([['call', 5], ['email', 3], ['visit', 2], ['meeting', 1]] as const);
    const contact = contactFor(rng, kind, customer.contacts);
    const cost = costOf(rng, kind, currency);
    const about = life.deals.filter((d) => d.history[0]!.at.getTime() < next && (d.closedAt === undefined || d.closedAt.getTime() >= next));
    const deal = about.length > 0 && rng.chance(0.3) ? rng.pick(about) : undefined;
    drafts.push({
      type: 'activity_logged',
      at: new Date(next),
      by: holder as UserId,
      kind,
      ...(contact === undefined ? {} : { contactId: contact.id }),
      ...(cost === undefined ? {} : { cost }),
      ...(deal === undefined ? {} : { opportunityId: deal.id as OpportunityId }),
    });
    since = Math.max(since, next);
    t = next;
  }
  return { drafts, ownerId: holder };
}

/** A region's reps and which of them first owns a customer. */
export interface SampleAccount {
  readonly customer: Customer;
  readonly reps: readonly string[];
}

/**
 * Adds the follow-up side to the sample's customers and deals, drawing from `rng` only
 * (the deals' stages, amounts and dates do not change): contacts with buying roles and
 * a creation date for every customer, follow-up activities and a source on the deals,
 * and every customer's pool ledger up to `asOf` with the owner it leaves.
 *
 * @param rng - A generator of its own (not the one that drew the deals).
 * @param accounts - The customers and the reps of their regions.
 * @param deals - The deals.
 * @param asOf - The sample's report date.
 * @param locale - The language of the sample's words.
 * @returns The customers and the deals.
 *
 * @category CLI
 * @example
 * ```ts
 * const { customers, opportunities } = addFollowUps(createPrng(1), accounts, deals, SAMPLE_AS_OF.getTime(), 'en');
 * ```
 */
export function addFollowUps(
  rng: Prng,
  accounts: readonly SampleAccount[],
  deals: readonly Opportunity[],
  asOf: number,
  locale: Locale,
): { customers: Customer[]; opportunities: Opportunity[] } {
  const dealsOf = new Map<string, Opportunity[]>();
  for (const d of deals) dealsOf.set(d.customerId, [...(dealsOf.get(d.customerId) ?? []), d]);
  const start = Math.min(...deals.map((d) => d.history[0]!.at.getTime()));
  const contacts = new Map<string, Contact[]>();
  const customers = accounts.map(({ customer, reps }, i) => {
    const own = dealsOf.get(customer.id) ?? [];
    const people = contactsOf(rng, customer.id, locale);
    contacts.set(customer.id, people);
    const first = own.length === 0 ? start + rng.next() * (asOf - 60 * DAY - start) : Math.min(...own.map((d) => d.history[0]!.at.getTime()));
    const createdAt = officeHours(first - rng.int(3, 40) * DAY);
    const firstOwner = reps[i % reps.length]!;
    const withContacts: Customer = { ...customer, contacts: people, createdAt: new Date(createdAt) };
    const ledger = customerLedger(rng, withContacts, { createdAt, reps, firstOwner, deals: own }, asOf, locale);
    const { ownerId: _old, ...rest } = withContacts;
    // Through the library's schema: its pool ledger check is the proof the ledger is valid.
    return checked({ ...rest, ...(ledger.ownerId === undefined ? {} : { ownerId: ledger.ownerId as UserId }), history: appendCustomerEvents([], ledger.drafts) });
  });
  const opportunities = deals.map((d) => withActivities(rng, d, contacts.get(d.customerId) ?? [], asOf, locale));
  return { customers, opportunities };
}

/** A customer through the library's schema and back (the pool ledger check included). */
function checked(customer: Customer): Customer {
  return parseCustomer(serializeCustomer(customer));
}
