// The demo's service desk (SPEC §10.1, issue 13): tickets in every state — some near their SLA,
// one breached, one escalated to the platform, resolved, rated, reopened, closed, a carrier claim
// open and one settled — with conversations that read like real ones, each shop's quick replies,
// and a case conversation (a buyer asking for the return address). Made through the engine like
// any other caller's, at instants in the past; the tickets' deadlines due by now are fired.
import type { TicketCommand } from '../domain/ticket/commands.ts';
import { TICKET_DEADLINE_KINDS } from '../domain/ticket/types.ts';
import type { Actor } from '../domain/types.ts';
import type { Engine } from './engine.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Body = TicketCommand extends infer C ? (C extends TicketCommand ? Omit<C, 'ticketId' | 'actor'> : never) : never;
type Who = 'buyer' | 'merchant' | 'platform';
/** A step: how long after the opening, who, what. */
type Step = [number, Who, Body];

const QUICK_REPLIES: [string, string][] = [
  ['退货地址', '{buyer} 您好, 售后单 {case} 请寄回: 浙江省杭州市余杭区仓前街道 售后仓 3 号门 (收件人: 售后组 0571-8888 0000), 请在 {deadline} 前寄出并填写单号。'],
  ['物流查询', '{buyer} 您好, 订单 {order} 我们已联系快递核实, 预计 1-2 天内更新, 有进展第一时间告诉您。'],
  ['发票', '{buyer} 您好, 订单 {order} 的电子发票会在 24 小时内发到您的邮箱, 请注意查收。'],
  ['退款说明', '{buyer} 您好, 退款 {amount} 元已原路退回, 一般 1-3 个工作日到账。'],
];

interface Recipe {
  id: string;
  kind: 'consultation' | 'complaint' | 'logistics' | 'invoice';
  /** When it was opened, before now. */
  ago: number;
  open: string;
  steps: Step[];
}

const RECIPES: Recipe[] = [
  // Near its SLA: a consultation asked 22 hours ago, not answered yet (first response due in 2 h).
  { id: 'TK-urgent', kind: 'consultation', ago: 22 * HOUR, open: '请问这款羽绒服 165 的个子穿 M 码合适吗? 想今天下单', steps: [] },
  { id: 'TK-open', kind: 'logistics', ago: 2 * DAY, open: '物流三天没有更新了, 一直显示在转运中心', steps: [[3 * HOUR, 'merchant', { kind: 'reply', message: '您好, 已联系快递核实, 转运中心爆仓, 预计明天发出, 我们会持续跟进。' }], [5 * HOUR, 'buyer', { kind: 'reply', message: '好的, 麻烦盯一下, 周末要用' }]] },
  // A first answer missed (complaint: 48 h).
  { id: 'TK-breached', kind: 'complaint', ago: 3 * DAY, open: '客服一直不回消息, 问了三次退货地址都没人理', steps: [] },
  // Not resolved in 7 working days: escalated to the platform.
  {
    id: 'TK-escalated',
    kind: 'complaint',
    // 7 working days are up to 18 calendar days over the Spring Festival: missed whatever the date.
    ago: 21 * DAY,
    open: '收到的面霜是开过封的, 要求换新, 客服说要核实然后就没下文了',
    steps: [[20 * HOUR, 'merchant', { kind: 'reply', message: '非常抱歉, 我们正在调取仓库出库视频核实, 请稍等。' }], [3 * DAY, 'buyer', { kind: 'reply', message: '已经三天了, 到底换不换?', attachments: [{ kind: 'photo', description: '封口撕开的照片' }] }]],
  },
  { id: 'TK-resolved', kind: 'invoice', ago: 2 * DAY, open: '麻烦开一张增值税普通发票, 抬头: 杭州某某科技有限公司', steps: [[2 * HOUR, 'merchant', { kind: 'reply', message: '好的, 电子发票已开具并发送到您的邮箱, 请查收。' }], [3 * HOUR, 'merchant', { kind: 'resolve' }]] },
  { id: 'TK-rated', kind: 'consultation', ago: 4 * DAY, open: '这个耳机支持降噪吗? 和上一代有什么区别', steps: [[40 * 60_000, 'merchant', { kind: 'reply', message: '支持主动降噪, 比上一代续航多 6 小时, 新增通透模式。' }], [HOUR, 'merchant', { kind: 'resolve' }], [2 * HOUR, 'buyer', { kind: 'rate', csat: 5 }]] },
  {
    id: 'TK-reopened',
    kind: 'logistics',
    ago: 5 * DAY,
    open: '显示已签收但我没收到包裹',
    steps: [[2 * HOUR, 'merchant', { kind: 'reply', message: '快递员说放在了小区驿站, 请您去驿站看一下。' }], [3 * HOUR, 'merchant', { kind: 'resolve' }], [DAY, 'buyer', { kind: 'reopen', message: '驿站说没有这个包裹, 请再查一下' }]],
  },
  {
    id: 'TK-claim-open',
    kind: 'logistics',
    ago: 3 * DAY,
    open: '快递显示丢件了, 怎么处理?',
    steps: [[HOUR, 'merchant', { kind: 'reply', message: '确认丢件, 已为您补发, 我们向快递公司索赔。' }], [2 * HOUR, 'merchant', { kind: 'claim_carrier', claimKind: 'lost', amount: 9900, carrier: 'SF', tracking: 'SF1234567890' }]],
  },
  {
    id: 'TK-closed',
    kind: 'logistics',
    ago: 12 * DAY,
    open: '收到的箱子压坏了, 里面的杯子碎了一个',
    steps: [
      [HOUR, 'merchant', { kind: 'reply', message: '非常抱歉, 已为您补发一个新杯子, 破损的不用寄回。' }],
      [2 * HOUR, 'merchant', { kind: 'claim_carrier', claimKind: 'damaged', amount: 3900, carrier: 'YTO', tracking: 'YT9876543210' }],
      [3 * HOUR, 'merchant', { kind: 'resolve' }],
      [DAY, 'buyer', { kind: 'rate', csat: 4 }],
      [4 * DAY, 'merchant', { kind: 'settle_carrier_claim', amount: 3000 }],
    ],
  },
];

/** `talkCase`: the case the demo's case conversation is on (a requested one), when there is one. */
export async function seedDesk(engine: Engine, now: number, shops: readonly string[], orders: number, talkCase: string | null): Promise<number> {
  for (const shop of shops) for (const [name, text] of QUICK_REPLIES) await engine.putQuickReply(shop, name, text);
  let made = 0;
  for (const [i, r] of RECIPES.entries()) {
    const shop = shops[i % shops.length]!;
    // An order of the shop (the demo deals orders to shops in turn).
    const order = await firstOrder(engine, shop, shops.length, orders, i);
    if (!order) continue;
    const id = `${r.id}-${shop}`;
    const opened = now - r.ago;
    const actors: Record<Who, Actor> = { buyer: { role: 'buyer', id: order.buyer }, merchant: { role: 'merchant', id: shop }, platform: { role: 'platform', id: 'platform' } };
    const o = await engine.ticketCommand({ kind: 'open_ticket', ticketKind: r.kind, message: r.open, ticketId: id, actor: actors.buyer }, { shopId: shop, orderId: order.id }, { at: opened });
    if (!o.ok) throw new Error(`demo ticket ${id}: ${o.code} ${o.message.en}`);
    made++;
    for (const [after, who, body] of r.steps) {
      await fireDue(engine, id, opened + after);
      const s = await engine.ticketCommand({ ...body, ticketId: id, actor: actors[who] } as TicketCommand, { shopId: shop }, { at: opened + after });
      if (!s.ok) throw new Error(`demo ticket ${id} ${body.kind}: ${s.code} ${s.message.en}`);
    }
    await fireDue(engine, id, now);
  }
  // The escalated one: the platform steps in.
  const escalated = (await engine.getTicket(`TK-escalated-${shops[3 % shops.length]}`)) ?? null;
  if (escalated?.escalated) {
    await engine.ticketCommand({ kind: 'reply', message: '平台已介入: 请商家 24 小时内给出换新方案, 否则平台将支持买家。', ticketId: escalated.id, actor: { role: 'platform', id: 'platform' } }, {}, { at: now - HOUR });
  }
  // A case conversation: the buyer asks for the return address, the merchant answers (issue 13).
  const c = talkCase ? await engine.getCase(talkCase) : null;
  const o = c ? await engine.getOrder(c.shopId, c.orderId) : null;
  if (c && o) {
    const talk: [Actor, string][] = [
      [{ role: 'buyer', id: o.buyerId }, '商家尚未提供退货地址, 请问衣服寄到哪里? 想今天寄出'],
      [{ role: 'merchant', id: c.shopId }, '亲, 请寄到: 浙江省杭州市余杭区仓前街道 售后仓 3 号门 (收件人: 售后组 0571-8888 0000), 寄出后填一下单号哦'],
    ];
    for (const [actor, text] of talk) await engine.caseCommand({ kind: 'post_message', caseId: c.id, text }, actor, { shopId: c.shopId, orderId: c.orderId });
  }
  return made;
}

async function firstOrder(engine: Engine, shop: string, every: number, orders: number, skip: number): Promise<{ id: string; buyer: string } | null> {
  let seen = 0;
  for (let n = 1; n <= orders; n++) {
    const id = `D${String(n).padStart(5, '0')}`;
    const o = await engine.getOrder(shop, id);
    if (!o || o.shippedAt === null) continue;
    if (seen++ >= Math.floor(skip / every)) return { id, buyer: o.buyerId };
  }
  return null;
}

/** Fires the ticket's deadlines due by `upTo`, earliest first, at their due instants (as the runner would have). */
async function fireDue(engine: Engine, ticketId: string, upTo: number): Promise<void> {
  for (;;) {
    const t = await engine.getTicket(ticketId);
    if (!t) return;
    const due = TICKET_DEADLINE_KINDS.map((k) => t.deadlines[k]).filter((d) => d !== null && d.dueAt <= upTo).sort((a, b) => a!.dueAt - b!.dueAt)[0];
    if (!due) return;
    await engine.fire({ shopId: t.shopId, orderId: '', subject: `ticket:${ticketId}:${due.kind}`, kind: due.kind, dueAt: due.dueAt, aggregate: 'ticket' });
  }
}
