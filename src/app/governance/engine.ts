// Platform governance in the application layer (SPEC §8.1–§8.3): complaint commands with the order
// facts they need, shop commands, deadline firing, and the effects one aggregate has on another,
// each in ONE transaction with the command that causes it: a ruling or a reversal feeds the shop's
// points (shopCommandsFor), compensation the platform pays and money it advanced and claims back
// from the merchant debit the deposit (caseEffects, called inside the case command's transaction).
import { complaintSignals } from '../../domain/automation/risk.ts';
import { recordSignals } from '../../store/automation.ts';
import type { ComplaintCommand } from '../../domain/complaint/commands.ts';
import { decideComplaint } from '../../domain/complaint/decide.ts';
import type { ComplaintEvent } from '../../domain/complaint/events.ts';
import { evolveComplaintAll } from '../../domain/complaint/evolve.ts';
import type { ComplaintOrderFacts, ComplaintState } from '../../domain/complaint/types.ts';
import { isRefusal, refuse, type Refusal } from '../../domain/errors.ts';
import type { DomainEvent } from '../../domain/events.ts';
import type { Policy } from '../../domain/policy.ts';
import type { ShopCommand } from '../../domain/shop/commands.ts';
import { decideShop } from '../../domain/shop/decide.ts';
import type { ShopEvent } from '../../domain/shop/events.ts';
import { evolveShopAll } from '../../domain/shop/evolve.ts';
import { shopCommandsFor } from '../../domain/shop/from-complaint.ts';
import { refuseNewOrderOfClosedShop } from '../../domain/shop/status.ts';
import type { ShopState } from '../../domain/shop/types.ts';
import { isOpenStatus, type Actor, type Instant } from '../../domain/types.ts';
import type { Sql } from '../../store/db.ts';
import { loadForCommand, type DueDeadline } from '../../store/event-store.ts';
import {
  appendGovernance,
  complaintsOfOrder,
  loadComplaint,
  loadShopGovernance,
  type GovernanceDecided,
  type Loaded,
} from '../../store/governance.ts';
import { listShops } from '../../store/shops.ts';
import { attemptTransaction } from '../attempt.ts';
import { complaintNotifications, shopNotificationsOf } from '../desk/complaint-notify.ts';
import { writeNotifications } from '../../store/notifications.ts';
import type { EngineCore } from '../engine-core.ts';
import { recordComplaintMetrics } from '../metrics/record.ts';
import { governanceWebhook } from './webhooks.ts';

export type ComplaintResult = { ok: true; complaint: ComplaintState; events: ComplaintEvent[]; policy: Policy; at: Instant } | Refusal;
export type ShopResult = { ok: true; shop: ShopState; events: ShopEvent[]; policy: Policy; at: Instant } | Refusal;
type ShopBody = ShopCommand extends infer C ? (C extends ShopCommand ? Omit<C, 'shopId' | 'actor'> : never) : never;

/** What a shop's governance starts with (FORMAT.md `shops[].deposit`, `deposit_required`). */
export interface ShopGovernanceInput {
  id: string;
  category: string;
  /** The shop's own requirement (fen), over the pack's for its category. */
  depositRequired?: number | null;
  /** The opening balance; default the required deposit. */
  deposit?: number;
}

const SYSTEM: Actor = { role: 'system' };

export function createGovernance(core: EngineCore) {
  const { db, clock, shopNow, shopPolicy } = core;

  /** Runs `fn` in a transaction, again on a concurrent change (optimistic concurrency). */
  const attempt = <T>(fn: (tx: Sql) => Promise<T | Refusal>) => attemptTransaction(db, fn);

  /**
   * Shop commands decided one after another on the shop's governance state; a shop without one
   * (registered before governance existed) is registered first, with its category's deposit.
   */
  async function shopDecisions(tx: Sql, shopId: string, cmds: readonly ShopCommand[], policy: Policy, at: Instant): Promise<GovernanceDecided | Refusal> {
    const loaded = await loadShopGovernance(tx, shopId);
    let state: ShopState | null = loaded?.state ?? null;
    const events: ShopEvent[] = [];
    if (!state) {
      const listing = (await listShops(tx, shopId))[0];
      const reg = decideShop({ kind: 'register_shop', shopId, category: listing?.category ?? null, actor: SYSTEM }, null, policy, at);
      if (!reg.ok) return reg;
      events.push(...reg.events);
      state = evolveShopAll(null, reg.events);
    }
    for (const c of cmds) {
      const d = decideShop(c, state, policy, at);
      if (!d.ok) return d;
      events.push(...d.events);
      state = evolveShopAll(state, d.events);
    }
    return { aggregate: 'shop', loaded, next: state!, events, actor: cmds[0]?.actor ?? SYSTEM };
  }

  /** The shop's policy row and the instant on its clock (a sandbox's test clock). */
  async function shopContext(tx: Sql, shopId: string, orderId = '', at?: Instant) {
    const { shop, order } = await loadForCommand(tx, shopId, orderId);
    const now = at ?? shopNow(shop, clock.now());
    return { shop, order, now, policy: shopPolicy(shop, shopId, now) };
  }

  /**
   * A complaint command. `complain` names its shop and order; the others find them from the
   * complaint (of `target.shopId`, when given). Points of a ruling or a reversal reach the shop in
   * the same transaction.
   */
  async function complaintCommand(cmd: ComplaintCommand, target: { shopId?: string; orderId?: string } = {}, opts: { at?: Instant } = {}): Promise<ComplaintResult> {
    return attempt(async (tx) => {
      let loaded: Loaded<ComplaintState> | null = null;
      let shopId: string;
      let orderId: string;
      if (cmd.kind === 'complain') {
        if (!target.shopId || !target.orderId) return refuse('validation', 'order', '投诉需指定订单', 'a complaint needs its order', { field: 'order' });
        [shopId, orderId] = [target.shopId, target.orderId];
        // Complaint ids name a complaint everywhere (the API addresses complaints by id alone).
        if (await loadComplaint(tx, cmd.complaintId)) {
          return refuse('validation', 'complaint_id', `投诉单号 ${cmd.complaintId} 已被使用`, `complaint id ${cmd.complaintId} is taken`, { field: 'id' });
        }
      } else {
        loaded = await loadComplaint(tx, cmd.complaintId, target.shopId);
        if (!loaded) return refuse('not_found', 'complaint', '投诉不存在', 'no such complaint', { complaint: cmd.complaintId });
        [shopId, orderId] = [loaded.state.shopId, loaded.state.orderId];
      }
      const { order, now: at, policy } = await shopContext(tx, shopId, orderId, opts.at);
      if ('ok' in policy) return policy;
      let facts: ComplaintOrderFacts | null = null;
      if (cmd.kind === 'complain') {
        const o = order?.ctx.order;
        if (!o) return refuse('not_found', 'order', '订单不存在', 'no such order', { order: orderId });
        facts = {
          orderId,
          shopId,
          buyerId: o.buyerId,
          placedAt: o.placedAt,
          caseOpen: Object.values(order.ctx.cases).some((c) => isOpenStatus(c.status)),
          complaints: (await complaintsOfOrder(tx, shopId, orderId)).map((c) => ({ id: c.id, kind: c.kind, status: c.status })),
        };
      }
      const decision = decideComplaint(cmd, { complaint: loaded?.state ?? null, order: facts }, policy, at);
      if (!decision.ok) return decision;
      if (decision.events.length === 0) return { ok: true, complaint: loaded!.state, events: [], policy, at };
      const next = evolveComplaintAll(loaded?.state ?? null, decision.events)!;
      const items: GovernanceDecided[] = [{ aggregate: 'complaint', loaded, next, events: decision.events, actor: cmd.actor }];
      // SPEC §8.1–§8.2: a ruling's points (or a reversal's) reach the shop in this transaction.
      const shopCmds = shopCommandsFor(next, decision.events);
      if (shopCmds.length) {
        const s = await shopDecisions(tx, shopId, shopCmds, policy, at);
        if (isRefusal(s)) throw new Error(`shop ${shopId} refused the points of complaint ${next.id}: ${s.message.en}`);
        items.push(s);
      }
      await appendGovernance(tx, items, clock.now(), governanceWebhook);
      // SPEC §10.4: a dismissed complaint counts in its buyer's risk, in this transaction.
      await recordSignals(tx, complaintSignals(decision.events, next).map((r) => ({ ...r, shopId })));
      // SPEC §8.4: a complaint filed is an intervention on its order, counted in this transaction.
      await recordComplaintMetrics(tx, items, policy);
      // SPEC §10.5: who must act next hears of it, in this transaction.
      await writeNotifications(tx, [...complaintNotifications(next, decision.events, loaded?.version ?? 0), ...shopNotificationsOf(items)], clock.now());
      return { ok: true, complaint: next, events: decision.events, policy, at };
    });
  }

  /** A shop command (a top-up, a reopening, a deadline's expiry) by `actor`. */
  async function shopCommand(shopId: string, body: ShopBody, actor: Actor, opts: { at?: Instant } = {}): Promise<ShopResult> {
    return attempt(async (tx) => {
      const { shop, now: at, policy } = await shopContext(tx, shopId, '', opts.at);
      if (!shop) return refuse('not_found', 'shop', `店铺 ${shopId} 不存在`, `no shop ${shopId}`, { shop: shopId });
      if ('ok' in policy) return policy;
      const s = await shopDecisions(tx, shopId, [{ ...body, shopId, actor } as ShopCommand], policy, at);
      if (isRefusal(s)) return s;
      if (s.events.length) await appendGovernance(tx, [s], clock.now(), governanceWebhook);
      await writeNotifications(tx, shopNotificationsOf([s]), clock.now());
      return { ok: true, shop: s.next as ShopState, events: s.events as ShopEvent[], policy, at };
    });
  }

  /**
   * Gives a registered shop its governance stream (SPEC §8.3: deposit_required by its category,
   * or its own; the opening balance). A shop that has one keeps it; a changed own requirement is set.
   */
  async function registerShop(input: ShopGovernanceInput): Promise<{ ok: true } | Refusal> {
    return attempt(async (tx) => {
      const { now: at, policy } = await shopContext(tx, input.id);
      if ('ok' in policy) return policy;
      const loaded = await loadShopGovernance(tx, input.id);
      if (!loaded) {
        const d = decideShop(
          { kind: 'register_shop', shopId: input.id, category: input.category, depositRequired: input.depositRequired ?? null, ...(input.deposit !== undefined ? { deposit: input.deposit } : {}), actor: SYSTEM },
          null,
          policy,
          at,
        );
        if (!d.ok) return d;
        await appendGovernance(tx, [{ aggregate: 'shop', loaded: null, next: evolveShopAll(null, d.events)!, events: d.events, actor: SYSTEM }], clock.now(), governanceWebhook);
      } else if (input.depositRequired !== undefined && loaded.state.ownDepositRequired !== input.depositRequired) {
        const platform: Actor = { role: 'platform', id: 'platform' };
        const d = decideShop({ kind: 'set_deposit_required', shopId: input.id, amount: input.depositRequired, actor: platform }, loaded.state, policy, at);
        if (!d.ok) return d;
        await appendGovernance(tx, [{ aggregate: 'shop', loaded, next: evolveShopAll(loaded.state, d.events)!, events: d.events, actor: platform }], clock.now(), governanceWebhook);
      }
      return { ok: true as const };
    });
  }

  /**
   * Fires a complaint's or a shop's deadline at its due instant. 'retry': still due (a concurrent
   * change); 'stale': it no longer matches its aggregate (the decider ignored it).
   */
  async function fireGovernance(d: DueDeadline): Promise<'fired' | 'stale' | 'retry'> {
    const r =
      d.aggregate === 'complaint'
        ? await complaintCommand(
            { kind: 'fire_complaint_deadline', complaintId: d.subject.replace(/^complaint:/, ''), deadline: d.kind as never, dueAt: d.dueAt, actor: SYSTEM },
            { shopId: d.shopId },
            { at: d.dueAt },
          )
        : await shopCommand(d.shopId, { kind: 'fire_shop_deadline', deadline: d.kind as never, dueAt: d.dueAt }, SYSTEM, { at: d.dueAt });
    if (!r.ok) return r.code === 'conflict' ? 'retry' : 'stale';
    return r.events.length ? 'fired' : 'stale';
  }

  /**
   * SPEC §8.3, inside a case or order command's transaction: compensation the platform pays the
   * buyer (§6) and money it advanced that it claims back from the merchant (先行赔付, 追偿) are
   * debited to the shop's deposit, in the same transaction as the events that pay them.
   */
  async function caseEffects(tx: Sql, shopId: string, orderId: string, events: readonly DomainEvent[], policy: Policy, at: Instant): Promise<void> {
    const debits: ShopCommand[] = [];
    for (const e of events) {
      if (e.type === 'CompensationPaid' && e.amount > 0) {
        debits.push({ kind: 'deposit_debit', shopId, actor: SYSTEM, amount: e.amount, reason: 'compensation', reference: `${orderId}:${e.forCase ?? 'order'}:${e.kind}` });
      } else if (e.type === 'ClaimRecorded' && e.against === 'merchant' && e.amount > 0) {
        debits.push({ kind: 'deposit_debit', shopId, actor: SYSTEM, amount: e.amount, reason: 'recovery', reference: `${orderId}:${e.forCase}:advance` });
      }
    }
    if (debits.length === 0) return;
    const s = await shopDecisions(tx, shopId, debits, policy, at);
    if (isRefusal(s)) throw new Error(`shop ${shopId} refused a deposit debit: ${s.message.en}`);
    await appendGovernance(tx, [s], clock.now(), governanceWebhook);
  }

  /**
   * System commands on a shop inside the caller's transaction (SPEC §8.5: the governance cycle's
   * verdicts, written with the cycle's deadline). A refusal here is a bug: it throws.
   */
  async function shopEffects(tx: Sql, shopId: string, cmds: readonly ShopCommand[], policy: Policy, at: Instant): Promise<ShopEvent[]> {
    const s = await shopDecisions(tx, shopId, cmds, policy, at);
    if (isRefusal(s)) throw new Error(`shop ${shopId} refused ${cmds.map((c) => c.kind).join(', ')}: ${s.message.en}`);
    await appendGovernance(tx, [s], clock.now(), governanceWebhook);
    // SPEC §8.5, §10.5: the cycle's notice or restriction reaches the merchant's inbox, in this transaction.
    await writeNotifications(tx, shopNotificationsOf([s]), clock.now());
    return s.events as ShopEvent[];
  }

  /** SPEC §8.2: a closed shop takes no new orders (`not_eligible`, rule `shop_closed`). */
  async function closedShopRefusal(tx: Sql, shopId: string, at: Instant): Promise<Refusal | null> {
    return refuseNewOrderOfClosedShop((await loadShopGovernance(tx, shopId))?.state ?? null, at);
  }

  return { complaintCommand, shopCommand, registerShop, fireGovernance, caseEffects, shopEffects, closedShopRefusal };
}

export type Governance = ReturnType<typeof createGovernance>;
