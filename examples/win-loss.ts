// Why we lose (赢单 / 输单分析): the deals two reps closed in the first quarter of 2026,
// won or lost through the engine (so every loss carries a reason from the pipeline's
// list, and the competitor when the rep knew it); then the win rate among decided deals
// and the lost deals by reason, by the stage they were lost at and by competitor, in
// total and per rep.
//
//   npx tsx examples/win-loss.ts
import {
  parseOpportunity,
  parsePipeline,
  roundToMinor,
  transition,
  winLoss,
  type Opportunity,
  type TransitionCommand,
  type WinLossFigures,
  type WinLossRow,
} from '../src/index.js';

const pipeline = parsePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  lossReasons: ['价格过高', '功能不符', '客户预算取消', '关系不到位'],
  stages: [
    { id: 'contact', name: '初步接触', kind: 'open', probability: '0.1' },
    { id: 'needs', name: '需求确认', kind: 'open', probability: '0.25' },
    { id: 'proposal', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 'quote', name: '报价洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

// "quote@02-10 won@03-02" or "proposal@01-20 lost@02-14 价格过高 Globex": the stage the
// deal reached and when (2026), then how and when it closed, with the reason and the
// competitor for a loss. Every deal is created in `contact` on 2 January.
function deal(id: string, owner: string, wan: number, script: string): Opportunity {
  let d = parseOpportunity({
    id,
    customerId: `c-${id}`,
    pipelineId: 'direct',
    name: `商机 ${id}`,
    ownerId: owner,
    amount: { amount: String(wan * 10_000), currency: 'CNY' },
    stageId: 'contact',
    history: [{ type: 'created', at: '2026-01-02T09:00:00+08:00', stageId: 'contact' }],
  });
  const [reached, closed, reason, competitor] = script.split(' ') as [string, string, string?, string?];
  const [stage, movedOn] = reached.split('@') as [string, string];
  const [outcome, closedOn] = closed.split('@') as [string, string];
  const steps: [TransitionCommand, string][] = [];
  if (stage !== 'contact') steps.push([{ type: 'move', to: stage }, movedOn]);
  steps.push([outcome === 'won' ? { type: 'win' } : { type: 'lose', reason: reason ?? '', ...(competitor ? { competitor } : {}) }, closedOn]);
  for (const [command, date] of steps) {
    const r = transition(d, pipeline, command, { at: `2026-${date}T17:00:00+08:00`, by: owner });
    if (!r.ok) throw new Error(`${id}: ${r.issues.map((i) => i.message).join('; ')}`);
    d = r.opportunity;
  }
  return d;
}

const deals = [
  deal('A01', 'rep-wang', 10, 'quote@01-08 won@01-15'),
  deal('A02', 'rep-wang', 20, 'quote@01-20 won@02-10'),
  deal('A03', 'rep-li', 30, 'proposal@02-01 won@03-05'),
  deal('A04', 'rep-li', 40, 'quote@03-01 won@03-30'),
  deal('A05', 'rep-wang', 5, 'quote@01-10 lost@01-20 价格过高 Globex'),
  deal('A06', 'rep-wang', 10, 'quote@01-25 lost@02-03 价格过高 Globex'),
  deal('A07', 'rep-li', 15, 'quote@02-05 lost@02-17 价格过高'),
  deal('A08', 'rep-li', 20, 'proposal@02-10 lost@02-24 功能不符 竞争对手A'),
  deal('A09', 'rep-wang', 25, 'proposal@02-20 lost@03-09 功能不符'),
  deal('A10', 'rep-li', 25, 'contact@01-02 lost@03-18 客户预算取消'),
  // Closed in the second quarter: not in the report.
  deal('A11', 'rep-li', 60, 'quote@03-20 won@04-02'),
];

const wan = (m: { readonly amount: { toNumber(): number } }) => `${(m.amount.toNumber() / 10_000).toFixed(1)} 万`;
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** Pads to a width in terminal columns (a Chinese character takes two). */
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e7f ? 2 : 1), 0)));

function table(title: string, rows: readonly (WinLossRow & { readonly stageName?: string | null })[]): void {
  console.log(`  ${pad(title, 34)} deals     amount   share`);
  for (const r of rows) {
    console.log(`    ${pad(r.stageName ?? r.key, 32)} ${String(r.count).padStart(5)}  ${wan(r.amount).padStart(9)}  ${pct(r.share).padStart(6)}`);
  }
}

function report(label: string, f: WinLossFigures): void {
  console.log(`${label}: won ${f.won.count} (${wan(f.won.amount)}), lost ${f.lost.count} (${wan(f.lost.amount)})`);
  console.log(`  win rate among decided deals: ${pct(f.decidedWinRateByCount)} by count, ${pct(f.decidedWinRateByValue)} by value`);
}

const q1 = winLoss(deals, pipeline, { from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00', groupBy: ['owner'] });
console.log(`Win / loss, 2026-Q1, pipeline ${pipeline.name} (amounts at closing, ${q1.currency})\n`);
report('All reps', q1.total);
table('lost by reason (输单原因)', q1.total.byLossReason);
table('lost at stage (输在哪个阶段)', q1.total.byLostAtStage);
table('lost to (竞争对手)', q1.total.byCompetitor);
console.log('');
for (const g of q1.groups) report(g.key[0] ?? '', g.value);

const price = q1.total.byLossReason[0]!;
const atQuote = q1.total.byLostAtStage.find((r) => r.stageId === 'quote')!;
console.log(
  `\n${price.key} explains ${pct(price.share)} of the losses, and ${pct(atQuote.share)} were lost at ${atQuote.stageName}: ` +
    `the quote is where we lose, on price (${roundToMinor(atQuote.amount).amount.toFixed(2)} CNY lost there).`,
);
