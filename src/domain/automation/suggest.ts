// SPEC §10.3 售后SOP: for an open case, the remedies the merchant may offer ranked by what each
// costs the merchant — the refund, shipping both ways, the resale value a returned item loses
// (`resale_loss_pct` by category), the compensation a refund triggers (§6) — the shop's goodwill
// tiers (partial refunds keeping the goods, never above half the price, only where the buyer could
// have had a return), and the remedy the rules would grant the buyer anyway. Never a payment for a
// good review (好评返现 breaks platform rules): no suggestion is conditional on a rating.
import { formulaAmount, paidOfLines, sumShares } from '../money.ts';
import type { Policy } from '../policy.ts';
import type { CaseState, OrderState } from '../state.ts';
import type { CaseType, Fen } from '../types.ts';
import { matchingRule, returnCost, returnCostsEnough, type AutomationInputs } from './automate.ts';
import { SOP_MAX_PCT, type SopTier } from './sop-schema.ts';

export type RemedyKind = 'agree' | 'returnless_refund' | 'sop_partial_refund' | 'exchange' | 'reship';

export interface MerchantCost {
  refund: Fen;
  /** Return leg the merchant pays (merchant-liable reasons) plus any leg it sends out again. */
  shipping: Fen;
  /** The resale value a returned item loses (or all of it, when the goods stay with the buyer). */
  resale_loss: Fen;
  /** §6 compensation the refund would trigger (late shipment, out of stock). */
  compensation: Fen;
  /** The price of the goods that come back to the merchant (to resell, less `resale_loss`). */
  goods_back: Fen;
  /** refund + shipping + resale_loss + compensation − goods_back: what the remedy costs against the sale kept. */
  total: Fen;
}

export interface Suggestion {
  remedy: RemedyKind;
  /** What to send as an `offer` (one click); null for `agree`, which is the buyer's own claim. */
  offer: { type: CaseType; amount: Fen } | null;
  cost: MerchantCost;
  /** The buyer keeps the goods. */
  keeps_goods: boolean;
  /** The automation rule (or the platform's instant refund) that would grant this anyway. */
  granted_by_rule: string | null;
  /** SOP tiers: the tier's share of the price. */
  pct?: number;
}


function lossPct(o: OrderState, c: CaseState, policy: Policy): number {
  // The category of the claimed goods (the dearest line when several).
  const lines = c.lines.map((l) => o.lines.find((x) => x.id === l.lineId)!).sort((a, b) => b.paidAmount - a.paidAmount);
  const t = policy.params.resale_loss_pct;
  return t.by_category[lines[0]?.category ?? ''] ?? t.default;
}

function compensationOf(c: CaseState, o: OrderState, policy: Policy): Fen {
  const p = policy.params;
  const basis = paidOfLines(o, c.lines.map((l) => l.lineId));
  if (c.reason === 'late_shipment' && c.appliedAfterShipBy && p.late_shipment_compensation && !o.compensated.late_shipment) return formulaAmount(p.late_shipment_compensation, basis);
  if (c.reason === 'out_of_stock' && p.out_of_stock_compensation && !o.compensated.out_of_stock) return formulaAmount(p.out_of_stock_compensation, basis);
  return 0;
}

const cost = (refund: Fen, shipping: Fen, resale_loss: Fen, compensation: Fen, goods_back = 0): MerchantCost => ({
  refund,
  shipping,
  resale_loss,
  compensation,
  goods_back,
  total: refund + shipping + resale_loss + compensation - goods_back,
});

/** The remedies for a case waiting for the merchant, cheapest first (ties: the buyer's own claim first). */
export function suggestRemedies(c: CaseState, o: OrderState, policy: Policy, inputs: AutomationInputs, tiers: readonly SopTier[]): Suggestion[] {
  if (c.status !== 'requested' || c.reason === 'counterfeit') return [];
  // Shipping as §10.2 counts a return: one leg, both for a merchant-liable reason.
  const leg = inputs.returnShippingEstimate;
  const merchantLiable = c.liability === 'merchant';
  const goods = sumShares(c.lines);
  const loss = Math.floor((goods * lossPct(o, c, policy)) / 100);
  const shipped = o.shippedAt !== null;
  const returnable = shipped && c.lines.every((l) => !o.lines.find((x) => x.id === l.lineId)!.flags.some((f) => f === 'virtual' || f === 'perishable'));
  const rule = matchingRule(c, o, policy, inputs);
  const out: Suggestion[] = [];
  const add = (s: Omit<Suggestion, 'granted_by_rule'>, grantedWhen: (a: string) => boolean) =>
    out.push({ ...s, granted_by_rule: rule && grantedWhen(rule.action) ? rule.id : null });

  // The buyer's claim as asked.
  const compensation = c.type === 'refund_only' || c.type === 'return_refund' ? compensationOf(c, o, policy) : 0;
  if (c.type === 'refund_only') {
    // Shipped goods the buyer keeps are lost to the merchant whole; before shipment nothing is lost.
    add({ remedy: 'agree', offer: null, cost: cost(c.amount, 0, 0, compensation), keeps_goods: shipped }, (a) => a !== 'returnless_refund');
  } else if (c.type === 'return_refund') {
    add({ remedy: 'agree', offer: null, cost: cost(c.amount, returnCost(c, leg), loss, compensation, goods), keeps_goods: false }, (a) => a === 'agree');
  } else if (c.type === 'exchange' || c.type === 'repair') {
    add({ remedy: 'agree', offer: null, cost: cost(0, (merchantLiable ? leg : 0) + leg, c.type === 'exchange' ? loss : 0, 0), keeps_goods: false }, (a) => a === 'agree');
  } else {
    add({ remedy: 'agree', offer: null, cost: cost(0, leg, goods, 0), keeps_goods: true }, (a) => a === 'agree');
  }
  // 仅退款不退货: the full refund, the goods stay (worth offering when the return costs enough).
  if (c.type === 'return_refund' && returnCostsEnough(c, leg, policy.params.returnless_share)) {
    add({ remedy: 'returnless_refund', offer: { type: 'refund_only', amount: c.amount }, cost: cost(c.amount, 0, 0, compensation), keeps_goods: true }, (a) => a === 'returnless_refund');
  }
  // SOP tiers: a goodwill partial refund keeping the goods, where the buyer could have had a return.
  if (returnable && goods > 0) {
    for (const t of tiers) {
      if (!t.reasons.includes(c.reason)) continue;
      const pct = Math.min(t.max_pct, SOP_MAX_PCT);
      const amount = Math.min(Math.floor((goods * pct) / 100), c.amount);
      if (amount <= 0) continue;
      add({ remedy: 'sop_partial_refund', offer: { type: 'refund_only', amount }, cost: cost(amount, 0, 0, 0), keeps_goods: true, pct }, () => false);
    }
  }
  // An exchange instead of money back, for a return of goods that fit no longer (size, colour).
  if (c.type === 'return_refund' && returnable && (c.reason === 'size_or_color' || c.reason === 'no_reason_7d')) {
    add({ remedy: 'exchange', offer: { type: 'exchange', amount: 0 }, cost: cost(0, (merchantLiable ? leg : 0) + leg, loss, 0), keeps_goods: false }, () => false);
  }
  if (c.reason === 'wrong_or_missing_item' && c.type !== 'reship') {
    add({ remedy: 'reship', offer: { type: 'reship', amount: 0 }, cost: cost(0, leg, goods, 0), keeps_goods: true }, () => false);
  }
  return out.map((s, i) => ({ s, i })).sort((a, b) => a.s.cost.total - b.s.cost.total || a.i - b.i).map((x) => x.s);
}
