// Firing deadlines (SPEC §4 超时机制), one by one or in batches of orders, and sandbox test clocks
// that fire a shop's deadlines as they move. Built on the engine's dispatch and append.
import type { Command } from '../domain/commands.ts';
import { decide } from '../domain/decide.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import { evolveAll } from '../domain/evolve.ts';
import type { Policy } from '../domain/policy.ts';
import type { Actor, Instant } from '../domain/types.ts';
import { appendDecisions, type Decided } from '../store/append.ts';
import { ConflictError, dueDeadlines, loadForCommands, markStale, releaseLease, type DueDeadline } from '../store/event-store.ts';
import { advanceSandboxClock, setSandboxClock, shopClock } from '../store/shops.ts';
import { iso } from '../store/time.ts';
import { isUniqueViolation } from '../store/unique-violation.ts';
import type { CommandOptions, Result, ShopInput } from './command-types.ts';
import type { EngineCore } from './engine-core.ts';
import type { Governance } from './governance/engine.ts';
import type { Desk } from './desk/engine.ts';
import type { Claims } from './claims/engine.ts';
import { caseNotifications } from './desk/case-notify.ts';
import { withCaseMetrics } from './metrics/record.ts';

export interface FiringDeps {
  core: EngineCore;
  dispatch(shopId: string, orderId: string, cmd: Command, opts?: CommandOptions): Promise<Result>;
  upsertShop(shop: ShopInput): Promise<{ ok: true } | Refusal>;
  /** What follows a commit (inline refunds). */
  afterCommit(shopId: string, events: readonly DomainEvent[]): Promise<unknown>;
  /** Complaint and shop deadlines, and the deposit effects of case events (SPEC §8). */
  governance: Governance;
  /** Ticket deadlines (SPEC §10.1). */
  desk: Pick<Desk, 'fireTicket'>;
  /** Claim deadlines (SPEC §13: the seller's time to respond). */
  claims: Pick<Claims, 'fireClaim'>;
  /** Platform deadlines: the governance cycle of a pack (SPEC §8.5). */
  firePlatform(d: DueDeadline): Promise<'fired' | 'stale' | 'retry'>;
}

export function createFiring({ core, dispatch, upsertShop, afterCommit, governance, desk, claims, firePlatform }: FiringDeps) {
  const { db, clock, shopPolicy } = core;
  /** The expiry command; a case's carries the shop's default return address (the system's agree records it). */
  function expiry(d: DueDeadline, returnAddress?: string | null): Command {
    const system: Actor = { role: 'system' };
    return d.subject === 'order'
      ? { kind: 'fire_order_deadline', deadline: d.kind as never, dueAt: d.dueAt, actor: system }
      : { kind: 'fire_case_deadline', caseId: d.subject, deadline: d.kind as never, dueAt: d.dueAt, actor: system, ...(returnAddress ? { returnAddress } : {}) };
  }

  async function fire(d: DueDeadline): Promise<boolean> {
    // An absent aggregate is an order's deadline (DueDeadline).
    if ((d.aggregate ?? 'order') !== 'order') {
      // SPEC §8, §10.1: complaints', shops', tickets' deadlines and the governance cycle, fired by the same runner at their due instant.
      const outcome =
        d.aggregate === 'ticket'
          ? await desk.fireTicket(d)
          : d.aggregate === 'platform'
            ? await firePlatform(d)
            : d.aggregate === 'claim'
              ? await claims.fireClaim(d)
              : await governance.fireGovernance(d);
      if (outcome === 'retry') await releaseLease(db, d);
      if (outcome === 'stale') await markStale(db, d, clock.now());
      return outcome === 'fired';
    }
    // The expiry takes effect at the due instant, however late the runner gets to it.
    const r = await dispatch(d.shopId, d.orderId, expiry(d), { at: d.dueAt });
    if (!r.ok && (r.code === 'conflict' || r.code === 'rate_limited')) {
      // Still due: let the next pass (or another runner) try again.
      await releaseLease(db, d);
      return false;
    }
    if (!r.ok || r.events.length === 0) {
      await markStale(db, d, clock.now());
      return false;
    }
    return true;
  }

  /**
   * Fires deadlines of distinct orders in one transaction (the runner's fast path). If any order
   * changed meanwhile the batch is rolled back and each deadline is fired on its own instead.
   */
  async function fireBatch(ds: readonly DueDeadline[]): Promise<number> {
    const keys = new Set(ds.map((d) => `${d.shopId}\u0000${d.orderId}`));
    if (keys.size !== ds.length) throw new Error('fireBatch takes one deadline per order');
    let decided: (Decided & { d: DueDeadline; policy: Policy })[];
    let stale: DueDeadline[] = [];
    try {
      [decided, stale] = await db.transaction(async (tx) => {
        const loaded = await loadForCommands(tx, ds);
        const ok: (Decided & { d: DueDeadline; policy: Policy })[] = [];
        const none: DueDeadline[] = [];
        ds.forEach((d, i) => {
          const { shop, order } = loaded[i]!;
          const policy = shopPolicy(shop, d.shopId, d.dueAt);
          const cmd = expiry(d, shop?.returnAddress);
          const decision = 'ok' in policy || !order ? null : decide(cmd, order.ctx, policy, d.dueAt);
          if (!decision?.ok || decision.events.length === 0) none.push(d);
          // SPEC §8.4: with the metric facts of the expiries (a silent merchant's first response).
          else {
            const next = evolveAll(order!.ctx, decision.events);
            // SPEC §10.5: with the notifications the expiry causes (the same statement as its events).
            const notifications = caseNotifications(order!.ctx, next, decision.events);
            ok.push({ d, policy: policy as Policy, ...withCaseMetrics({ loaded: order, next, events: decision.events, actor: cmd.actor, notifications }, policy as Policy) });
          }
        });
        if (ok.length) await appendDecisions(tx, ok, clock.now());
        // SPEC §8.3: compensation an expiry pays debits the deposit in this transaction.
        for (const x of ok) await governance.caseEffects(tx, x.d.shopId, x.d.orderId, x.events, x.policy, x.d.dueAt);
        return [ok, none] as const;
      });
    } catch (e) {
      if (!(e instanceof ConflictError) && !isUniqueViolation(e)) throw e;
      let fired = 0;
      for (const d of ds) if (await fire(d)) fired++;
      return fired;
    }
    for (const d of stale) await markStale(db, d, clock.now());
    for (const x of decided) await afterCommit(x.d.shopId, x.events);
    return decided.length;
  }

  /** The earliest pending deadline due at or before `upTo` (of one shop, when given). */
  async function nextDue(upTo: Instant, shopId?: string): Promise<DueDeadline | null> {
    return (await dueDeadlines(db, upTo, 1, shopId))[0] ?? null;
  }

  /** Creates or resets a sandbox shop: its own test clock, starting at `start`. A live shop never becomes one. */
  async function createSandboxShop(shop: ShopInput, start: Instant): Promise<{ ok: true } | Refusal> {
    const existing = await shopClock(db, shop.id);
    if (existing && existing.sandboxClock === null) return refuse('validation', 'id', '该店铺是正式店铺', `shop ${shop.id} is a live shop`, { field: 'id' });
    const r = await upsertShop(shop);
    if (!r.ok) return r;
    await setSandboxClock(db, shop.id, start);
    return r;
  }

  /**
   * Moves a sandbox shop's test clock forward to `to`, firing every deadline of the shop due on the
   * way at its own due instant, earliest first — as `aftersale simulate` does (SPEC §12).
   */
  async function advanceSandbox(shopId: string, to: Instant): Promise<{ now: Instant; fired: number } | Refusal> {
    const clockAt = (await shopClock(db, shopId))?.sandboxClock ?? null;
    if (clockAt === null) return refuse('not_found', 'sandbox', '不是沙箱店铺', `shop ${shopId} has no test clock`, { shop: shopId });
    if (to < clockAt) return refuse('validation', 'to', '测试时钟不能倒退', 'a test clock never goes back', { now: iso(clockAt) });
    let fired = 0;
    for (let d = await nextDue(to, shopId); d; d = await nextDue(to, shopId)) {
      await advanceSandboxClock(db, shopId, d.dueAt);
      if (await fire(d)) fired++;
    }
    await advanceSandboxClock(db, shopId, to);
    return { now: to, fired };
  }

  /** Fires every deadline due at or before `upTo`, earliest first (also those the firing creates). */
  async function fireDue(upTo: Instant, limit = Infinity): Promise<number> {
    let fired = 0;
    for (let next = await nextDue(upTo); next && fired < limit; next = await nextDue(upTo)) {
      await fire(next);
      fired++;
    }
    return fired;
  }

  return { fire, fireBatch, nextDue, fireDue, createSandboxShop, advanceSandbox };
}
