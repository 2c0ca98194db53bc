// The customer pool (客户公海) of a regional sales team over three weeks of April 2026:
// reps claim customers from the pool (some claims are refused: the hold limit, the
// cooldown after giving a customer back, a department pool of another team), work them,
// and a nightly job returns the customers nobody followed up, or nobody signed, to the
// pool. Days are counted on Beijing time.
//
//   npx tsx examples/customer-pool.ts
import {
  appendCustomerEvents,
  applyPoolRules,
  claimCustomer,
  formatIssue,
  parseCustomer,
  parsePoolRules,
  poolStatus,
  releaseCustomer,
  type Customer,
  type CustomerChangeResult,
  type CustomerEventDraft,
  type UserId,
} from '../src/index.js';

const zone = { timeZone: 'Asia/Shanghai' } as const;
const at = (date: string, time = '09:00') => `2026-${date}T${time}:00+08:00`;

// 公海规则: 10 days to follow a claimed customer up, each activity buys 7 more days (if
// later), 20 days at most however busy, 3 days' warning, 15 days before a rep
// may claim back a customer they gave up, 3 customers per rep, and a key-account pool
// for the 大客户部 only.
const rules = parsePoolRules({
  followUpDays: 10,
  activityExtensionDays: 7,
  maxHoldDays: 20,
  warnDaysBefore: 3,
  reclaimCooldownDays: 15,
  holdLimit: 3,
  pools: [{ id: 'key-accounts', teams: ['大客户部'] }],
});
// The reps' user ids are their names here, so that messages name them.
const teams = { 李娜: '华东销售部', 王伟: '华东销售部', 赵磊: '大客户部' };

let customers: Customer[] = [
  ['c-01', '华东机械'],
  ['c-02', '北方能源'],
  ['c-03', '星河科技'],
  ['c-04', '宏达贸易'],
  ['c-05', '远东物流'],
  ['c-06', '南方电网苏州分公司', 'key-accounts'],
  ['c-07', '恒通建材'],
].map(([id, name, poolId]) => parseCustomer({ id, name, createdAt: at('03-01'), ...(poolId === undefined ? {} : { poolId }) }));

const byId = (id: string) => customers.find((c) => c.id === id)!;
const store = (c: Customer) => {
  customers = customers.map((x) => (x.id === c.id ? c : x));
};
const log: string[] = [];

/** A rep claims a customer; a refusal is printed in Chinese, as the rep would see it. */
function claim(id: string, rep: string, day: string): void {
  const r: CustomerChangeResult = claimCustomer(byId(id), rep, customers, rules, { at: at(day), by: rep, teams, ...zone, locale: 'zh-CN' });
  if (r.ok) {
    store(r.customer);
    log.push(`04-${day.slice(3)}  ${rep} 领取 ${byId(id).name}`);
  } else {
    log.push(`04-${day.slice(3)}  ${rep} 领取 ${byId(id).name}：被拒绝，${r.issues.map((i) => formatIssue(i, 'zh-CN')).join(' ')}`);
  }
}

/** A follow-up visit or call, appended to the customer's ledger. */
function followUp(id: string, day: string, kind: 'visit' | 'call', by: string): void {
  const c = byId(id);
  const draft: CustomerEventDraft = { type: 'activity_logged', at: new Date(at(day, '15:00')), by: by as UserId, kind };
  store({ ...c, history: appendCustomerEvents(c.history, [draft]) });
}

claim('c-01', '李娜', '04-01');
claim('c-02', '李娜', '04-01');
claim('c-03', '李娜', '04-02');
claim('c-04', '李娜', '04-02'); // a fourth customer: over the limit of 3
claim('c-06', '王伟', '04-02'); // the key-account pool is the 大客户部's
claim('c-06', '赵磊', '04-02');
claim('c-04', '王伟', '04-03');
claim('c-05', '王伟', '04-03');
followUp('c-01', '04-06', 'visit', '李娜');
followUp('c-01', '04-09', 'call', '李娜');
followUp('c-01', '04-14', 'visit', '李娜');
followUp('c-01', '04-18', 'call', '李娜');
followUp('c-04', '04-08', 'visit', '王伟');
followUp('c-06', '04-10', 'visit', '赵磊');

// 李娜 gives 星河科技 back and tries to take it again a week later.
const released = releaseCustomer(byId('c-03'), { at: at('04-05', '17:00'), by: '李娜', reason: '客户今年无采购计划' });
if (released.ok) {
  store(released.customer);
  log.push(`04-05  李娜 退回 星河科技（客户今年无采购计划）`);
}
claim('c-03', '李娜', '04-12');
claim('c-03', '王伟', '04-12');

console.log('公海操作记录');
for (const line of log) console.log(`  ${line}`);

// The morning report of 13 April: who is about to lose which customer.
const status = poolStatus(customers, rules, { asOf: at('04-13', '08:00'), ...zone });
console.log(`\n公海状态（${status.asOfDate}）：${status.customers.length} 个客户有人跟进，${status.inPool} 个在公海中`);
const word = { held: '保护中', warning: '即将回收', due: '已到期' } as const;
const rule = { followUpDays: '未跟进', closeWithinDays: '未成交', maxHoldDays: '最长保护期' } as const;
for (const c of status.customers) {
  const left = c.daysLeft === null ? '' : c.daysLeft > 0 ? `，还剩 ${c.daysLeft} 天` : c.daysLeft === 0 ? '，今天到期' : `，已过 ${-c.daysLeft} 天`;
  const due = c.dueDate === null ? '无' : `${c.dueDate}（${rule[c.rule!]}${left}）`;
  console.log(`  ${c.customerName.padEnd(10, '　')} ${c.ownerId}  到期 ${due}  ${word[c.status]}`);
}
console.log('\n各销售持有客户数（上限 3）');
for (const o of status.owners) console.log(`  ${o.ownerId}：${o.held} 个，即将回收 ${o.warning} 个，已到期 ${o.due} 个${o.overLimit ? '，超出上限' : ''}`);

// The nightly job of 15 and 22 April: return the due customers to the pool.
for (const day of ['04-15', '04-22']) {
  const reclaims = applyPoolRules(customers, rules, { asOf: at(day, '02:00'), ...zone, by: 'system' });
  console.log(`\n${day} 夜间自动回收：${reclaims.length === 0 ? '无' : ''}`);
  for (const r of reclaims) {
    store(r.customer);
    console.log(`  ${byId(r.customerId).name} 从 ${r.ownerId} 名下收回（${rule[r.rule]}，${r.dueDate} 到期；变更记录第 ${r.event.seq} 条）`);
  }
}

const end = poolStatus(customers, rules, { asOf: at('04-22', '08:00'), ...zone });
console.log(`\n04-22 公海中的客户：${customers.filter((c) => !end.customers.some((s) => s.customerId === c.id)).map((c) => c.name).join('、')}`);
