// SPEC §13 claims in the application layer: a claim command with the order facts filing needs, its
// deadline's firing, and what it writes with its events in ONE transaction: the projection, the
// ledger entries of its money, its deadline, outbox messages and its metric facts (`atoz_filed`,
// `atoz_granted`, `atoz_reversed` for order_defect_rate).
import type { ClaimCommand } from '../../domain/claim/commands.ts';
import { decideClaim } from '../../domain/claim/decide.ts';
import type { ClaimEvent } from '../../domain/claim/events.ts';
import { evolveClaimAll } from '../../domain/claim/evolve.ts';
import type { ClaimCaseFacts, ClaimOrderFacts, ClaimState } from '../../domain/claim/types.ts';
import { refuse, type Refusal } from '../../domain/errors.ts';
import { orderRefunded } from '../../domain/money.ts';
import type { Policy } from '../../domain/policy.ts';
import type { CaseState, OrderContext } from '../../domain/state.ts';
import type { Actor, Instant } from '../../domain/types.ts';
import { appendClaim, claimsOfOrder, loadClaim } from '../../store/claims.ts';
import type { Sql } from '../../store/db.ts';
import { loadForCommand, type DueDeadline, type ShopRow } from '../../store/event-store.ts';
import { attemptTransaction } from '../attempt.ts';
import type { EngineCore } from '../engine-core.ts';
import { recordClaimMetrics } from '../metrics/record.ts';
import { claimWebhook } from './webhooks.ts';

export type ClaimResult = { ok: true; claim: ClaimState; events: ClaimEvent[]; policy: Policy; at: Instant } | Refusal;

const SYSTEM: Actor = { role: 'system' };

/** What a claim needs of a case: its return, its refund and when the refund ended it. */
function caseFacts(c: CaseState): ClaimCaseFacts {
  return {
    id: c.id,
    status: c.status,
    type: c.type,
    appliedAt: c.appliedAt,
    refunded: c.refunded,
    // docs/decisions.md: a SAFE-T claim counts from the refund that completed the case.
    refundedAt: c.status === 'completed' && c.refunded > 0 ? c.endedAt : null,
    isReturn: c.type === 'return_refund',
  };
}

/** The order facts filing reads (SPEC §13): delivery, what is left to refund, cases, claims so far. */
export function claimOrderFacts(ctx: OrderContext, currency: ClaimOrderFacts['currency'], claims: readonly ClaimState[]): ClaimOrderFacts {
  const o = ctx.order!;
  const paid = o.lines.reduce((n, l) => n + l.paidAmount, 0) + (o.freeShipping ? 0 : o.shippingFee);
  return {
    orderId: o.id,
    shopId: o.shopId,
    buyerId: o.buyerId,
    currency,
    paidAt: o.paidAt,
    shipBy: o.shipBy,
    shippedAt: o.shippedAt,
    signedAt: o.signedAt,
    refundable: Math.max(0, paid - orderRefunded(o)),
    cases: Object.values(ctx.cases).map(caseFacts),
    claims: claims.map((c) => ({ id: c.id, kind: c.kind, caseId: c.caseId, status: c.status })),
  };
}

export function createClaims(core: EngineCore) {
  const { db, clock, shopNow, shopPolicy, packs } = core;
  const currencyOf = (shop: ShopRow) => packs.get(shop.policy_pack)?.currency ?? 'CNY';

  /**
   * A claim command. Filing (`atoz_claim`, `safet_claim`) names its shop and order; the others find
   * them from the claim (of `target.shopId`, when given).
   */
  async function claimCommand(cmd: ClaimCommand, target: { shopId?: string; orderId?: string } = {}, opts: { at?: Instant } = {}): Promise<ClaimResult> {
    return attemptTransaction(db, async (tx: Sql) => {
      const filing = cmd.kind === 'atoz_claim' || cmd.kind === 'safet_claim';
      let loaded = null;
      let shopId: string;
      let orderId: string;
      if (filing) {
        if (!target.shopId || !target.orderId) return refuse('validation', 'order', '索赔需指定订单', 'a claim needs its order', { field: 'order' });
        [shopId, orderId] = [target.shopId, target.orderId];
        // Claim ids name a claim everywhere (the API addresses claims by id alone).
        if (await loadClaim(tx, cmd.claimId)) return refuse('validation', 'claim_id', `索赔单号 ${cmd.claimId} 已被使用`, `claim id ${cmd.claimId} is taken`, { field: 'id' });
      } else {
        loaded = await loadClaim(tx, cmd.claimId, target.shopId);
        if (!loaded) return refuse('not_found', 'claim', '索赔不存在', 'no such claim', { claim: cmd.claimId });
        [shopId, orderId] = [loaded.state.shopId, loaded.state.orderId];
      }
      const { shop, order } = await loadForCommand(tx, shopId, orderId);
      const at = opts.at ?? shopNow(shop, clock.now());
      const policy = shopPolicy(shop, shopId, at);
      if ('ok' in policy) return policy;
      let facts: ClaimOrderFacts | null = null;
      if (filing) {
        if (!order?.ctx.order) return refuse('not_found', 'order', '订单不存在', 'no such order', { order: orderId });
        facts = claimOrderFacts(order.ctx, currencyOf(shop!), await claimsOfOrder(tx, shopId, orderId));
      }
      const decision = decideClaim(cmd, { claim: loaded?.state ?? null, order: facts }, policy, at);
      if (!decision.ok) return decision;
      if (decision.events.length === 0) return { ok: true, claim: loaded!.state, events: [], policy, at };
      const next = evolveClaimAll(loaded?.state ?? null, decision.events)!;
      const decided = { loaded, next, events: decision.events, actor: cmd.actor };
      await appendClaim(tx, decided, clock.now(), claimWebhook);
      // SPEC §13 → seller performance: a claim granted against the seller is a defect, counted in this transaction.
      await recordClaimMetrics(tx, decided, policy);
      return { ok: true, claim: next, events: decision.events, policy, at };
    });
  }

  /** Fires a claim's deadline at its due instant ('retry' on a concurrent change, 'stale' when it no longer matches). */
  async function fireClaim(d: DueDeadline): Promise<'fired' | 'stale' | 'retry'> {
    const claimId = d.subject.replace(/^claim:/, '');
    const r = await claimCommand({ kind: 'fire_claim_deadline', claimId, deadline: d.kind as never, dueAt: d.dueAt, actor: SYSTEM }, { shopId: d.shopId }, { at: d.dueAt });
    if (!r.ok) return r.code === 'conflict' ? 'retry' : 'stale';
    return r.events.length ? 'fired' : 'stale';
  }

  return { claimCommand, fireClaim };
}

export type Claims = ReturnType<typeof createClaims>;
