// The demo's platform governance (SPEC §8): complaints in every status, one shop restricted by an
// upheld complaint's points, one shop with a deposit shortfall — made through the engine like any
// other caller's, on orders the demo placed (within their 15-day complaint window).
import type { ComplaintCommand } from '../domain/complaint/commands.ts';
import type { Actor } from '../domain/types.ts';
import type { Engine } from './engine.ts';

const DAY = 86_400_000;
const platform: Actor = { role: 'platform', id: 'platform' };

type Body = ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, 'complaintId' | 'actor'> : never) : never;

export async function seedGovernance(engine: Engine, now: number, orders: number): Promise<number> {
  // Orders of a shop still in their complaint window, in id order.
  const candidates = async (shop: string, every: number, offset: number) => {
    const out: { id: string; buyer: string }[] = [];
    for (let i = offset; i <= orders && out.length < 8; i += every) {
      const id = `D${String(i).padStart(5, '0')}`;
      const o = await engine.getOrder(shop, id);
      if (o && o.placedAt > now - 13 * DAY) out.push({ id, buyer: o.buyerId });
    }
    return out;
  };
  // What a buyer of each shop's goods complains of (issue 16: the words fit the goods).
  const said: Record<string, string> = { 'tb-apparel': '面料成分与描述不符', 'tm-beauty': '精华液批号与详情页不符' };
  const filed = (shop: string) => ({ kind: 'complain' as const, evidence: [{ kind: 'photo' as const, description: '实物与详情页不符' }], note: said[shop] ?? '实物与描述不符' });
  const answer: Body = { kind: 'respond_complaint', evidence: [{ kind: 'chat_log', description: '已与买家沟通' }], note: '商品与描述一致' };
  const upheld: Body = { kind: 'rule_complaint', outcome: 'upheld', note: '依据买家凭证, 投诉成立' };
  const appeal: Body = { kind: 'appeal', reason: '提供第三方质检报告, 材质相符', evidence: [{ kind: 'inspection_report', description: '质检报告' }] };
  const recipes: { shop: string; every: number; offset: number; status: string; sub: ['misdescription' | 'breach_of_promise', string]; steps: Body[] }[] = [
    { shop: 'tb-apparel', every: 4, offset: 4, status: 'filed', sub: ['misdescription', 'minor'], steps: [] },
    { shop: 'tb-apparel', every: 4, offset: 4, status: 'under_review', sub: ['breach_of_promise', 'unfulfilled_promise'], steps: [answer] },
    // 12 points: the apparel shop is restricted for 7 days.
    { shop: 'tb-apparel', every: 4, offset: 4, status: 'upheld', sub: ['misdescription', 'severe'], steps: [answer, upheld] },
    { shop: 'tb-apparel', every: 4, offset: 4, status: 'dismissed', sub: ['misdescription', 'affects_use'], steps: [answer, { kind: 'rule_complaint', outcome: 'dismissed', note: '证据不足' }] },
    { shop: 'tb-apparel', every: 4, offset: 4, status: 'withdrawn', sub: ['breach_of_promise', 'refused_invoice'], steps: [{ kind: 'withdraw_complaint' }] },
    { shop: 'tm-beauty', every: 4, offset: 1, status: 'appealed', sub: ['misdescription', 'minor'], steps: [answer, upheld, appeal] },
    { shop: 'tm-beauty', every: 4, offset: 1, status: 'reversed', sub: ['breach_of_promise', 'campaign_violation'], steps: [answer, upheld, appeal, { kind: 'rule_appeal', outcome: 'accepted', note: '申诉成立' }] },
  ];
  const used = new Set<string>();
  let made = 0;
  for (const r of recipes) {
    const target = (await candidates(r.shop, r.every, r.offset)).find((o) => !used.has(o.id));
    if (!target) continue;
    used.add(target.id);
    const complaintId = `CP-${r.status}`;
    const buyer: Actor = { role: 'buyer', id: target.buyer };
    const merchant: Actor = { role: 'merchant', id: r.shop };
    const c = await engine.complaintCommand({ ...filed(r.shop), complaintKind: r.sub[0], subKind: r.sub[1], complaintId, actor: buyer }, { shopId: r.shop, orderId: target.id });
    if (!c.ok) throw new Error(`demo complaint ${complaintId}: ${c.code} ${c.message.en}`);
    made++;
    for (const step of r.steps) {
      const actor = step.kind === 'withdraw_complaint' ? buyer : step.kind === 'respond_complaint' || step.kind === 'appeal' ? merchant : platform;
      const s = await engine.complaintCommand({ ...step, complaintId, actor } as ComplaintCommand);
      if (!s.ok) throw new Error(`demo complaint ${complaintId} ${step.kind}: ${s.code} ${s.message.en}`);
    }
  }
  // SPEC §8.3: the fruit shop's deposit falls short (the platform raised its requirement): a
  // top-up deadline of 7 days runs.
  const fresh = await engine.shopGovernance('pdd-fresh');
  if (fresh) await engine.upsertShop({ id: 'pdd-fresh', pack: 'pinduoduo', category: 'fresh', depositRequired: fresh.shop.deposit.balance + 200_000 });
  return made;
}
