// `POST /v1/shops/:shop/rules/backtest` and `aftersale rules backtest`: the shop's cases of the
// last N days replayed through the decider's automation step with the proposed rules, in memory
// (nothing is written). Each buyer is banded as they stand now (docs/decisions.md).
import { replayOrder, summarize, type BacktestReport } from '../../domain/automation/backtest.ts';
import { riskScore, RISK_WINDOW_DAYS } from '../../domain/automation/risk.ts';
import { parseRules, ruleJson } from '../../domain/automation/rule-schema.ts';
import { refuse, type Refusal } from '../../domain/errors.ts';
import type { DomainEvent } from '../../domain/events.ts';
import type { Instant } from '../../domain/types.ts';
import { automationOf, signalCountsOfBuyers } from '../../store/automation.ts';
import { eventsOfOrders, ordersWithCasesSince } from '../../store/automation-reads.ts';
import { loadForCommand } from '../../store/event-store.ts';
import type { EngineCore } from '../engine-core.ts';
import type { Principal } from '../principal.ts';

const DAY = 86_400_000;
const BATCH = 1000;

export interface BacktestAnswer extends BacktestReport {
  shop: string;
  days: number;
  from: Instant;
  to: Instant;
  rules: ReturnType<typeof ruleJson>[];
}

export function createBacktest(core: EngineCore) {
  const { db, clock, shopNow, shopPolicy } = core;

  async function backtestRules(p: Principal, shopId: string, rulesJson: unknown, days: number): Promise<BacktestAnswer | Refusal> {
    if (!(p.kind === 'platform' || (p.kind === 'shop' && p.shopId === shopId))) return refuse('not_found', 'shop', `店铺 ${shopId} 不存在`, `no shop ${shopId}`, { shop: shopId });
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      return refuse('validation', 'days', '回测天数须为 1 到 365 的整数', 'days must be a whole number from 1 to 365', { field: 'days' });
    }
    const rules = parseRules(rulesJson);
    if (!Array.isArray(rules)) return rules;
    const { shop } = await loadForCommand(db, shopId, '');
    if (!shop) return refuse('not_found', 'shop', `店铺 ${shopId} 不存在`, `no shop ${shopId}`, { shop: shopId });
    const to = shopNow(shop, clock.now());
    const from = to - days * DAY;
    const settings = await automationOf(db, shopId);
    const policies = new Map<number, ReturnType<typeof shopPolicy>>();
    const policyAt = (at: Instant) => {
      // Packs change rarely: one resolution per day is plenty.
      const key = Math.floor(at / DAY);
      if (!policies.has(key)) policies.set(key, shopPolicy(shop, shopId, at));
      const pol = policies.get(key)!;
      return 'ok' in pol ? null : pol;
    };
    const orderIds = await ordersWithCasesSince(db, shopId, from, to);
    const replays = [];
    const batch = (i: number) => (i < orderIds.length ? eventsOfOrders(db, shopId, orderIds.slice(i, i + BATCH)) : Promise.resolve([]));
    // The next batch loads while this one is replayed.
    let next = batch(0);
    for (let i = 0; i < orderIds.length; i += BATCH) {
      const rows = await next;
      next = batch(i + BATCH);
      const byOrder = new Map<string, DomainEvent[]>();
      for (const r of rows) {
        const list = byOrder.get(r.orderId) ?? [];
        list.push(r.data as DomainEvent);
        byOrder.set(r.orderId, list);
      }
      const buyers = [...new Set([...byOrder.values()].map((evs) => (evs[0]?.type === 'OrderPlaced' ? evs[0].buyerId : '')))];
      const counts = await signalCountsOfBuyers(db, buyers, to - RISK_WINDOW_DAYS * DAY, to);
      const bandOf = (buyerId: string) => riskScore(counts.get(buyerId) ?? {}).band;
      const inputs = { rules, returnShippingEstimate: settings.returnShippingEstimate, returnlessThreshold: settings.returnlessThreshold, returnAddress: shop.returnAddress };
      for (const evs of byOrder.values()) replays.push(...replayOrder(evs, { since: from, until: to, policyAt, bandOf, inputs }));
    }
    return { shop: shopId, days, from, to, rules: rules.map(ruleJson), ...summarize(replays) };
  }

  return { backtestRules };
}
