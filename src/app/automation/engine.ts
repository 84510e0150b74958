// The engine's automation and buyer-risk doors (SPEC §10.2-§10.4): a shop's rules and SOP tiers
// (read and written by the shop or the platform), a buyer's risk as each caller may see it, the
// platform's list of high-risk buyers, and risk history imported from outside (scenario files).
import { parseRules, ruleJson } from '../../domain/automation/rule-schema.ts';
import { riskScore, RISK_SIGNALS, RISK_WINDOW_DAYS, type RiskScore, type RiskSignal } from '../../domain/automation/risk.ts';
import { parseSopTiers, type SopTier } from '../../domain/automation/sop-schema.ts';
import { refuse, type Refusal } from '../../domain/errors.ts';
import type { CaseStatus, Instant } from '../../domain/types.ts';
import type { RiskBand } from '../../domain/automation/codes.ts';
import { automationOf, recordSignals, saveAutomation, signalCountsByShop, signalCountsOfAll } from '../../store/automation.ts';
import { shopClock } from '../../store/shops.ts';
import { buyerHasOrdered } from '../../store/automation-reads.ts';
import type { EngineCore } from '../engine-core.ts';
import type { Principal } from '../principal.ts';
import { automationInputs, buyerRiskAt, storedRules } from './upkeep.ts';
import { suggestRemedies, type Suggestion } from '../../domain/automation/suggest.ts';
import { loadForCommand, locateCase } from '../../store/event-store.ts';

const DAY = 86_400_000;
const noShop = (shopId: string) => refuse('not_found', 'shop', `店铺 ${shopId} 不存在`, `no shop ${shopId}`, { shop: shopId });
const noBuyer = (buyerId: string) => refuse('not_found', 'buyer', `买家 ${buyerId} 不存在`, `no buyer ${buyerId}`, { buyer: buyerId });

export interface AutomationSettings {
  rules: ReturnType<typeof ruleJson>[];
  return_shipping_estimate: number;
  returnless_threshold: number | null;
  sop_tiers: SopTier[];
  version: number;
}

export interface SuggestionsAnswer {
  case: string;
  status: CaseStatus;
  buyer_band: RiskBand;
  suggestions: Suggestion[];
  /** The cheapest remedy the shop's rules (or the platform's instant refund) would grant anyway. */
  rules_would_grant: Suggestion | null;
}

export interface AutomationPatch {
  rules?: unknown;
  return_shipping_estimate?: unknown;
  returnless_threshold?: unknown;
  sop_tiers?: unknown;
}

export interface BuyerRiskView extends RiskScore {
  buyer: string;
  window_days: number;
  /** The platform only: where the signals came from. */
  by_shop?: { shop: string; counts: Partial<Record<RiskSignal, number>> }[];
}

const mayManage = (p: Principal, shopId: string) => p.kind === 'platform' || (p.kind === 'shop' && p.shopId === shopId);
const fenOrNull = (v: unknown, field: string): number | null | Refusal =>
  v === null ? null : typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : refuse('validation', field, `${field} 须为以分为单位的非负整数`, `${field} must be a whole number of fen, 0 or more`, { field });

export function createAutomation(core: EngineCore) {
  const { db, clock, shopNow } = core;

  async function shopExists(shopId: string): Promise<{ now: Instant } | null> {
    const c = await shopClock(db, shopId);
    return c ? { now: shopNow(c, clock.now()) } : null;
  }

  async function automationSettings(p: Principal, shopId: string): Promise<AutomationSettings | Refusal> {
    if (!mayManage(p, shopId) || !(await shopExists(shopId))) return noShop(shopId);
    const row = await automationOf(db, shopId);
    const tiers = parseSopTiers(row.sopTiers);
    return {
      rules: storedRules(row.rules).map(ruleJson),
      return_shipping_estimate: row.returnShippingEstimate,
      returnless_threshold: row.returnlessThreshold,
      sop_tiers: Array.isArray(tiers) ? tiers : [],
      version: row.version,
    };
  }

  /** Writes the fields given, each checked (rules by their schema, tiers at most half the price). */
  async function setAutomation(p: Principal, shopId: string, patch: AutomationPatch): Promise<AutomationSettings | Refusal> {
    if (!mayManage(p, shopId)) return noShop(shopId);
    const shop = await shopExists(shopId);
    if (!shop) return noShop(shopId);
    const out: Parameters<typeof saveAutomation>[2] = {};
    if (patch.rules !== undefined) {
      const rules = parseRules(patch.rules);
      if (!Array.isArray(rules)) return rules;
      out.rules = rules.map(ruleJson);
    }
    if (patch.sop_tiers !== undefined) {
      const tiers = parseSopTiers(patch.sop_tiers);
      if (!Array.isArray(tiers)) return tiers;
      out.sopTiers = tiers;
    }
    if (patch.return_shipping_estimate !== undefined) {
      const v = fenOrNull(patch.return_shipping_estimate, 'return_shipping_estimate');
      if (v === null || typeof v === 'object') return v ?? refuse('validation', 'return_shipping_estimate', '请填写预估退货运费', 'fill in the return shipping estimate', { field: 'return_shipping_estimate' });
      out.returnShippingEstimate = v;
    }
    if (patch.returnless_threshold !== undefined) {
      const v = fenOrNull(patch.returnless_threshold, 'returnless_threshold');
      if (v !== null && typeof v === 'object') return v;
      out.returnlessThreshold = v;
    }
    await saveAutomation(db, shopId, out, shop.now);
    return automationSettings(p, shopId);
  }

  /**
   * A buyer's risk as the caller may see it (SPEC §10.4): the platform everything, with the shops;
   * a shop the score, band and counts — never which shops — and only for a buyer who ordered from
   * it; a buyer their own.
   */
  async function buyerRisk(p: Principal, buyerId: string, at: Instant = clock.now()): Promise<BuyerRiskView | Refusal> {
    if (p.kind === 'buyer' && p.buyerId !== buyerId) return noBuyer(buyerId);
    if (p.kind === 'shop' && !(await buyerHasOrdered(db, p.shopId, buyerId))) return noBuyer(buyerId);
    const score = await buyerRiskAt(db, buyerId, at);
    const view: BuyerRiskView = { buyer: buyerId, window_days: RISK_WINDOW_DAYS, ...score };
    if (p.kind === 'platform') {
      const rows = await signalCountsByShop(db, buyerId, at - RISK_WINDOW_DAYS * DAY, at);
      const by = new Map<string, Partial<Record<RiskSignal, number>>>();
      for (const r of rows) by.set(r.shopId, { ...(by.get(r.shopId) ?? {}), [r.signal]: r.n });
      view.by_shop = [...by].map(([shop, counts]) => ({ shop, counts }));
    }
    return view;
  }

  /** The platform's view: buyers with a signal in the window, riskiest first, `min_band` and up. */
  async function riskyBuyers(p: Principal, minScore = 30, at: Instant = clock.now()): Promise<{ buyer: string; score: number; band: RiskBand; factors: RiskScore['factors'] }[] | Refusal> {
    if (p.kind !== 'platform') return refuse('forbidden', 'platform_only', '只有平台可以查看高风险买家名单', 'only the platform sees the list of high-risk buyers', {});
    const all = await signalCountsOfAll(db, at - RISK_WINDOW_DAYS * DAY, at);
    return all
      .map((b) => ({ buyer: b.buyerId, ...riskScore(b.counts) }))
      .filter((b) => b.score >= minScore)
      .sort((a, b) => b.score - a.score || a.buyer.localeCompare(b.buyer))
      .map(({ buyer, score, band, factors }) => ({ buyer, score, band, factors }));
  }

  /**
   * FORMAT.md `buyers[].risk_history`: counts from before `at`, recorded as signals from outside
   * (shop '') or, for history migrated from a shop's own records, under that shop.
   */
  async function importRiskHistory(buyerId: string, counts: Partial<Record<string, number>>, at: Instant, shopId = ''): Promise<void | Refusal> {
    const rows = [];
    for (const [signal, n] of Object.entries(counts)) {
      if (!(RISK_SIGNALS as readonly string[]).includes(signal)) {
        return refuse('validation', 'risk_history', `未知的风险信号 ${signal}`, `unknown risk signal ${signal} (known: ${RISK_SIGNALS.join(', ')})`, { field: signal });
      }
      if (!Number.isInteger(n) || n! < 0) return refuse('validation', 'risk_history', `${signal} 须为非负整数`, `${signal} must be a whole number, 0 or more`, { field: signal });
      for (let i = 1; i <= n!; i++) rows.push({ shopId, buyerId, signal, subject: `history:${buyerId}:${i}`, at: at - 1 });
    }
    await recordSignals(db, rows);
  }

  /**
   * SPEC §10.3: the remedies for a case waiting for its merchant, cheapest for the merchant first,
   * with the one the rules would grant anyway. The merchant's and the platform's; never a buyer's.
   */
  async function caseSuggestions(p: Principal, caseId: string): Promise<SuggestionsAnswer | Refusal> {
    const noCase = refuse('not_found', 'case', '售后单不存在', 'no such case', { case: caseId });
    if (p.kind === 'buyer') return noCase;
    const where = await locateCase(db, caseId, p.kind === 'shop' ? p.shopId : undefined);
    if (!where) return noCase;
    const { shop, order } = await loadForCommand(db, where.shopId, where.orderId);
    const c = order?.ctx.cases[caseId];
    if (!c || !order?.ctx.order) return noCase;
    const now = shopNow(shop, clock.now());
    const policy = core.shopPolicy(shop, where.shopId, now);
    if ('ok' in policy) return policy;
    const inputs = await automationInputs(db, where.shopId, c.buyerId, now, shop?.returnAddress ?? null);
    const row = await automationOf(db, where.shopId);
    const tiers = parseSopTiers(row.sopTiers);
    const suggestions = suggestRemedies(c, order.ctx.order, policy, inputs, Array.isArray(tiers) ? tiers : []);
    const granted = suggestions.filter((x) => x.granted_by_rule !== null).sort((a, b) => a.cost.total - b.cost.total)[0] ?? null;
    return { case: caseId, status: c.status, buyer_band: inputs.buyerBand, suggestions, rules_would_grant: granted };
  }

  /** Rules CRUD on one rule (the list keeps its order): add at the end, change, or remove. */
  async function editRule(p: Principal, shopId: string, ruleId: string | null, change: 'add' | 'update' | 'remove', rule?: Record<string, unknown>): Promise<AutomationSettings | Refusal> {
    const cur = await automationSettings(p, shopId);
    if ('ok' in cur) return cur;
    const rules: Record<string, unknown>[] = cur.rules.map((r) => ({ ...r }));
    const at = ruleId === null ? -1 : rules.findIndex((r) => r.id === ruleId);
    if (change !== 'add' && at < 0) return refuse('not_found', 'rule', `规则 ${ruleId} 不存在`, `no rule ${ruleId}`, { rule: ruleId });
    if (change === 'add') rules.push(rule ?? {});
    else if (change === 'update') rules[at] = { ...rules[at], ...rule, id: ruleId };
    else rules.splice(at, 1);
    return setAutomation(p, shopId, { rules });
  }

  return { automationSettings, setAutomation, editRule, buyerRisk, riskyBuyers, importRiskHistory, caseSuggestions };
}
