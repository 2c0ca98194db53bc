import { booleanOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { createdAt } from '../model/createdAt.js';
import type { OpportunityId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { checkDeal, checkDealIterable } from '../model/dealArguments.js';

/**
 * A marketing campaign (市场活动): what it cost, and the channel it ran in.
 */
export interface Campaign {
  /** The campaign's id, as deals name it in `source.campaignId`; unique. */
  readonly id: string;
  /** Its name. */
  readonly name: string;
  /** What it cost (≥ 0). */
  readonly cost: Money;
  /** The channel (展会, 线上广告, …), carried to the result. */
  readonly channel?: string;
}

/**
 * Options for {@link campaignEffectiveness}.
 */
export interface CampaignEffectivenessOptions {
  /**
   * Creation window start, inclusive: a deal counts when it was created at or after it
   * (its `created` event, else its first event).
   *
   * @defaultValue no lower bound
   */
  readonly from?: InstantInput;
  /**
   * Creation window end, exclusive.
   *
   * @defaultValue no upper bound
   */
  readonly to?: InstantInput;
  /**
   * Currency of the result.
   *
   * @defaultValue the first campaign's cost currency; required without campaigns
   */
  readonly currency?: CurrencyCode;
  /** Rates for costs and deal amounts in other currencies; without them such amounts throw `currency_mismatch`. */
  readonly rates?: ExchangeRates;
  /**
   * List each campaign's deal ids (`dealIds`), and those of the deals without a campaign.
   * Off by default so that a big book stays cheap.
   *
   * @defaultValue `false`
   */
  readonly dealIds?: boolean;
}

/**
 * What a group of deals brought: counts, amounts and win rates.
 */
export interface CampaignDealFigures {
  /** Opportunities (商机数): the deals counted. */
  readonly opportunities: number;
  /** Of them, open or suspended: not decided yet. */
  readonly open: number;
  /** Of them, won (赢单). */
  readonly won: number;
  /** Of them, lost (输单). */
  readonly lost: number;
  /** Σ amount of every opportunity (won, lost and open), exact. */
  readonly amount: Money;
  /** Σ amount of the won deals, exact. */
  readonly wonAmount: Money;
  /** won ÷ opportunities: the open deals counted (they have not won yet); `null` without opportunities. */
  readonly winRate: number | null;
  /** won ÷ (won + lost): decided deals only; `null` when none is decided. */
  readonly decidedWinRate: number | null;
}

/**
 * What a campaign cost against what it brought.
 */
export interface CampaignFigures extends CampaignDealFigures {
  /** What it cost. */
  readonly cost: Money;
  /** cost ÷ opportunities (单个商机成本); `null` without opportunities. */
  readonly costPerOpportunity: Money | null;
  /** cost ÷ won (单个赢单成本); `null` without wins. */
  readonly costPerWin: Money | null;
  /** Return on the campaign (投资回报率) = (won amount − cost) ÷ cost; `null` when the cost is 0. */
  readonly roi: number | null;
}

/**
 * One campaign of {@link CampaignEffectiveness}.
 */
export interface CampaignRow extends CampaignFigures {
  /** The campaign's id. */
  readonly campaignId: string;
  /** Its name. */
  readonly name: string;
  /** Its channel, `null` when it has none. */
  readonly channel: string | null;
  /** Its deals, in input order: only with `dealIds: true`. */
  readonly dealIds?: readonly OpportunityId[];
}

/**
 * Deals naming a campaign that is not in the list: reported, never dropped.
 */
export interface UnknownCampaignRow extends CampaignDealFigures {
  /** The campaign id the deals name. */
  readonly campaignId: string;
  /** Their ids, in input order (always listed). */
  readonly dealIds: readonly OpportunityId[];
}

/**
 * Result of {@link campaignEffectiveness}.
 */
export interface CampaignEffectiveness {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /** Creation window start, if any. */
  readonly from?: Date;
  /** Creation window end, if any. */
  readonly to?: Date;
  /** One row per campaign, in the order given. */
  readonly campaigns: readonly CampaignRow[];
  /** Every listed campaign together (Σ cost against Σ of what they brought). */
  readonly total: CampaignFigures;
  /** Deals naming a campaign id not in the list, one row per id, in order of first appearance. */
  readonly unknownCampaigns: readonly UnknownCampaignRow[];
  /** Deals with no campaign (`source.campaignId` missing); their ids only with `dealIds: true`. */
  readonly noCampaign: CampaignDealFigures & { readonly dealIds?: readonly OpportunityId[] };
  /** Deals without a creation time (an empty ledger) when there is a window: they cannot be placed in it. */
  readonly undated: readonly OpportunityId[];
}

interface Acc {
  opportunities: number;
  open: number;
  won: number;
  lost: number;
  amount: Decimal;
  wonAmount: Decimal;
  ids: OpportunityId[] | undefined;
}

const ZERO = new Decimal(0);
const newAcc = (ids: boolean): Acc => ({ opportunities: 0, open: 0, won: 0, lost: 0, amount: ZERO, wonAmount: ZERO, ids: ids ? [] : undefined });

function addDeal(acc: Acc, o: Opportunity, amount: Decimal): void {
  acc.opportunities++;
  acc.amount = acc.amount.plus(amount);
  if (o.status === 'won') {
    acc.won++;
    acc.wonAmount = acc.wonAmount.plus(amount);
  } else if (o.status === 'lost') {
    acc.lost++;
  } else {
    acc.open++;
  }
  acc.ids?.push(o.id);
}

function bad(name: string, reason: ReturnType<typeof because>): never {
  throw new FunnelError('invalid_argument', { name, reason });
}

function checkCampaigns(campaigns: readonly Campaign[]): void {
  if (!Array.isArray(campaigns)) bad('campaigns', because('must_be_array'));
  const ids = new Set<string>();
  campaigns.forEach((c: Campaign, i) => {
    if (typeof c !== 'object' || c === null) bad(`campaigns[${i}]`, because('must_be_object'));
    if (typeof c.id !== 'string' || c.id === '') bad(`campaigns[${i}].id`, because('must_be_non_empty_string'));
    if (ids.has(c.id)) bad(`campaigns[${i}].id`, because('duplicate_id', { id: c.id }));
    ids.add(c.id);
    if (typeof c.name !== 'string' || c.name === '') bad(`campaigns[${i}].name`, because('must_be_non_empty_string'));
    if (typeof c.cost !== 'object' || c.cost === null) bad(`campaigns[${i}].cost`, because('must_be_object'));
    if (c.channel !== undefined && (typeof c.channel !== 'string' || c.channel === '')) bad(`campaigns[${i}].channel`, because('must_be_non_empty_string'));
  });
}

/**
 * Campaign effectiveness (市场活动效果): for each marketing campaign, the opportunities
 * it brought (deals whose `source.campaignId` names it), how many were won and for how
 * much, the win rates, and what it cost per opportunity, per win and in return.
 *
 * Definitions, per campaign: `winRate` = won ÷ opportunities (open deals counted: a
 * campaign whose deals are still open looks worse until they close), `decidedWinRate` =
 * won ÷ (won + lost) (decided deals only); `costPerOpportunity` = cost ÷ opportunities,
 * `costPerWin` = cost ÷ won; `roi` = (won amount − cost) ÷ cost, so 0 is break-even and
 * −1 nothing won. Rates are numbers, `null` for a zero denominator; money is exact
 * (divisions to 40 significant digits). A deal counts by its current `status` and
 * `amount` (suspended deals are open); with `from` / `to`, only deals created in the
 * window count.
 *
 * Deals naming a campaign that is not in the list are reported per id under
 * `unknownCampaigns`, deals without a campaign under `noCampaign` — never silently
 * dropped; neither is in `total`.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param campaigns - The campaigns: `{ id, name, cost, channel? }`, ids unique.
 * @param options - Creation window, currency and rates, `dealIds`.
 * @returns Per campaign, the total of the listed campaigns, and the deals of unknown or no campaign.
 * @throws {@link FunnelError} `invalid_argument` for campaigns that are not a list, a
 *   campaign without an id or name, a duplicate id, a cost that is not money or is
 *   negative, no campaigns and no `currency`; `invalid_option` for a bad window or
 *   `dealIds`; `currency_mismatch` for amounts in other currencies without `rates`.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities,
 *   or an item of it that is not an opportunity (named `opportunities[i]`);
 *   `invalid_option` (`rates`) for rates that are not an object with a `rates` object.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { campaignEffectiveness, money, type Opportunity } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * const r = campaignEffectiveness(deals, [
 *   { id: 'expo-2026', name: '春季展会', cost: money('200000', 'CNY'), channel: '展会' },
 *   { id: 'web-q1', name: '线上广告 Q1', cost: money('50000', 'CNY'), channel: '线上' },
 * ]);
 * for (const c of r.campaigns) console.log(c.name, c.opportunities, c.won, c.costPerWin?.amount.toFixed(0), c.roi);
 * ```
 */
export function campaignEffectiveness(
  opportunities: Iterable<Opportunity>,
  campaigns: readonly Campaign[],
  options: CampaignEffectivenessOptions = {},
): CampaignEffectiveness {
  checkCampaigns(campaigns);
  ratesOption(options.rates);
  const fromMs = instantMs(options.from, 'from', Number.NEGATIVE_INFINITY);
  const toMs = instantMs(options.to, 'to', Number.POSITIVE_INFINITY);
  if (fromMs > toMs) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
  const windowed = options.from !== undefined || options.to !== undefined;
  const listIds = options.dealIds === undefined ? false : booleanOption(options.dealIds, 'dealIds');
  const currency = options.currency ?? campaigns[0]?.cost.currency;
  if (currency === undefined) bad('campaigns', because('campaigns_need_currency'));
  const costs = campaigns.map((c, i) => {
    const cost = amountIn(c.cost, currency, options.rates);
    if (cost.isNegative() && !cost.isZero()) bad(`campaigns[${i}].cost`, because('must_not_be_negative'));
    return cost;
  });

  const byId = new Map<string, Acc>(campaigns.map((c) => [c.id, newAcc(listIds)]));
  const unknown = new Map<string, Acc>();
  const none = newAcc(listIds);
  const undated: OpportunityId[] = [];

  checkDealIterable(opportunities, 'opportunities');
  let i = 0;
  for (const o of opportunities) {
    checkDeal(o, i++, 'opportunities');
    if (windowed) {
      const created = createdAt(o);
      if (created === undefined) {
        undated.push(o.id);
        continue;
      }
      const ms = created.getTime();
      if (!(ms >= fromMs && ms < toMs)) continue;
    }
    const amount = amountIn(o.amount, currency, options.rates);
    const id = o.source?.campaignId;
    if (id === undefined) {
      addDeal(none, o, amount);
      continue;
    }
    let acc = byId.get(id);
    if (acc === undefined) {
      acc = unknown.get(id);
      if (acc === undefined) {
        acc = newAcc(true);
        unknown.set(id, acc);
      }
    }
    addDeal(acc, o, amount);
  }

  const money = (amount: Decimal): Money => ({ amount, currency });
  const dealFigures = (a: Acc): CampaignDealFigures => ({
    opportunities: a.opportunities,
    open: a.open,
    won: a.won,
    lost: a.lost,
    amount: money(a.amount),
    wonAmount: money(a.wonAmount),
    winRate: a.opportunities === 0 ? null : a.won / a.opportunities,
    decidedWinRate: a.won + a.lost === 0 ? null : a.won / (a.won + a.lost),
  });
  const figures = (a: Acc, cost: Decimal): CampaignFigures => ({
    ...dealFigures(a),
    cost: money(cost),
    costPerOpportunity: a.opportunities === 0 ? null : money(cost.div(a.opportunities)),
    costPerWin: a.won === 0 ? null : money(cost.div(a.won)),
    roi: cost.isZero() ? null : a.wonAmount.minus(cost).div(cost).toNumber(),
  });

  // Stryker disable next-line BooleanLiteral: the total's figures list no deal ids, so its id list is never read
  const total = newAcc(false);
  let totalCost = ZERO;
  const rows = campaigns.map((c, i): CampaignRow => {
    const a = byId.get(c.id)!;
    total.opportunities += a.opportunities;
    total.open += a.open;
    total.won += a.won;
    total.lost += a.lost;
    total.amount = total.amount.plus(a.amount);
    total.wonAmount = total.wonAmount.plus(a.wonAmount);
    totalCost = totalCost.plus(costs[i]!);
    return {
      campaignId: c.id,
      name: c.name,
      channel: c.channel ?? null,
      ...figures(a, costs[i]!),
      ...(a.ids === undefined ? {} : { dealIds: a.ids }),
    };
  });
  return {
    currency,
    ...(options.from === undefined ? {} : { from: new Date(fromMs) }),
    ...(options.to === undefined ? {} : { to: new Date(toMs) }),
    campaigns: rows,
    total: figures(total, totalCost),
    unknownCampaigns: [...unknown.entries()].map(([campaignId, a]) => ({ campaignId, ...dealFigures(a), dealIds: a.ids! })),
    noCampaign: { ...dealFigures(none), ...(none.ids === undefined ? {} : { dealIds: none.ids }) },
    undated,
  };
}
