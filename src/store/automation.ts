// SPEC §10.2-§10.4: a shop's automation settings (rules, return-shipping estimate, SOP tiers) and
// the buyer-risk signal rows. Rules are stored as the JSON the rule schema accepted; the app
// parses them again on the way out (pure, src/domain/automation/rule-schema.ts).
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';

export interface AutomationRow {
  rules: unknown[];
  returnShippingEstimate: number;
  returnlessThreshold: number | null;
  sopTiers: unknown[];
  version: number;
  updatedAt: Instant | null;
}

export const DEFAULT_AUTOMATION: AutomationRow = { rules: [], returnShippingEstimate: 1300, returnlessThreshold: null, sopTiers: [], version: 0, updatedAt: null };

export async function automationOf(sql: Sql, shopId: string): Promise<AutomationRow> {
  const r = await sql.query<{ rules: unknown[]; return_shipping_estimate: number; returnless_threshold: number | null; sop_tiers: unknown[]; version: number; updated_at: unknown }>(
    'SELECT rules, return_shipping_estimate, returnless_threshold, sop_tiers, version, updated_at FROM shop_automation WHERE shop_id = $1',
    [shopId],
  );
  const row = r.rows[0];
  if (!row) return DEFAULT_AUTOMATION;
  return {
    rules: row.rules,
    returnShippingEstimate: Number(row.return_shipping_estimate),
    returnlessThreshold: row.returnless_threshold === null ? null : Number(row.returnless_threshold),
    sopTiers: row.sop_tiers,
    version: row.version,
    updatedAt: toMs(row.updated_at),
  };
}

/** Writes the fields given (the others keep their value); returns the new version. */
export async function saveAutomation(
  sql: Sql,
  shopId: string,
  patch: Partial<Pick<AutomationRow, 'rules' | 'returnShippingEstimate' | 'returnlessThreshold' | 'sopTiers'>>,
  at: Instant,
): Promise<number> {
  const cur = await automationOf(sql, shopId);
  const next = { ...cur, ...patch };
  const r = await sql.query<{ version: number }>(
    `INSERT INTO shop_automation (shop_id, rules, return_shipping_estimate, returnless_threshold, sop_tiers, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, 1, $6)
     ON CONFLICT (shop_id) DO UPDATE SET rules = EXCLUDED.rules, return_shipping_estimate = EXCLUDED.return_shipping_estimate,
       returnless_threshold = EXCLUDED.returnless_threshold, sop_tiers = EXCLUDED.sop_tiers,
       version = shop_automation.version + 1, updated_at = EXCLUDED.updated_at
     RETURNING version`,
    [shopId, JSON.stringify(next.rules), next.returnShippingEstimate, next.returnlessThreshold, JSON.stringify(next.sopTiers), iso(at)],
  );
  return r.rows[0]!.version;
}

export interface SignalInsert {
  shopId: string;
  buyerId: string;
  signal: string;
  subject: string;
  at: Instant;
}

/** Records signals; one a subject gives twice counts once (the key holds it). */
export async function recordSignals(sql: Sql, rows: readonly SignalInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const values: unknown[] = [];
  await sql.query(`WITH ${signalCte(rows, (v) => `$${values.push(v)}`)} SELECT 1`, values);
}

/** The signals' insert as a part of a WITH (`signal_new`), for the statement that appends the events giving them (src/store/append.ts). */
export function signalCte(rows: readonly SignalInsert[], add: (v: unknown) => string): string {
  const tuples = rows.map((r) => `(${add(r.shopId)}, ${add(r.subject)}, ${add(r.signal)}, ${add(r.buyerId)}, ${add(iso(r.at))}::timestamptz)`);
  return `signal_new AS (INSERT INTO buyer_signals (shop_id, subject, signal, buyer_id, at) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING)`;
}

/** A buyer's signal counts in [since, until], across every shop. */
export async function signalCounts(sql: Sql, buyerId: string, since: Instant, until: Instant): Promise<Record<string, number>> {
  const r = await sql.query<{ signal: string; n: number }>(
    'SELECT signal, count(*)::int AS n FROM buyer_signals WHERE buyer_id = $1 AND at >= $2 AND at <= $3 GROUP BY signal',
    [buyerId, iso(since), iso(until)],
  );
  return Object.fromEntries(r.rows.map((x) => [x.signal, x.n]));
}

/** Per shop, for the platform's view (a merchant never sees this). */
export async function signalCountsByShop(sql: Sql, buyerId: string, since: Instant, until: Instant): Promise<{ shopId: string; signal: string; n: number }[]> {
  const r = await sql.query<{ shop_id: string; signal: string; n: number }>(
    'SELECT shop_id, signal, count(*)::int AS n FROM buyer_signals WHERE buyer_id = $1 AND at >= $2 AND at <= $3 GROUP BY shop_id, signal ORDER BY shop_id, signal',
    [buyerId, iso(since), iso(until)],
  );
  return r.rows.map((x) => ({ shopId: x.shop_id, signal: x.signal, n: x.n }));
}

/** Every buyer with a signal in the window, with their counts (the platform's high-risk view). */
export async function signalCountsOfAll(sql: Sql, since: Instant, until: Instant, limit = 500): Promise<{ buyerId: string; counts: Record<string, number> }[]> {
  const r = await sql.query<{ buyer_id: string; signal: string; n: number }>(
    `SELECT buyer_id, signal, count(*)::int AS n FROM buyer_signals WHERE at >= $1 AND at <= $2
     AND buyer_id IN (SELECT DISTINCT buyer_id FROM buyer_signals WHERE at >= $1 AND at <= $2 ORDER BY buyer_id LIMIT $3)
     GROUP BY buyer_id, signal ORDER BY buyer_id`,
    [iso(since), iso(until), limit],
  );
  const by = new Map<string, Record<string, number>>();
  for (const x of r.rows) by.set(x.buyer_id, { ...(by.get(x.buyer_id) ?? {}), [x.signal]: x.n });
  return [...by].map(([buyerId, counts]) => ({ buyerId, counts }));
}

/** Signal counts of many buyers at once (a backtest bands every buyer of its period). */
export async function signalCountsOfBuyers(sql: Sql, buyerIds: readonly string[], since: Instant, until: Instant): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (buyerIds.length === 0) return out;
  const r = await sql.query<{ buyer_id: string; signal: string; n: number }>(
    'SELECT buyer_id, signal, count(*)::int AS n FROM buyer_signals WHERE buyer_id = ANY($1::text[]) AND at >= $2 AND at <= $3 GROUP BY buyer_id, signal',
    [buyerIds, iso(since), iso(until)],
  );
  for (const x of r.rows) out.set(x.buyer_id, { ...(out.get(x.buyer_id) ?? {}), [x.signal]: x.n });
  return out;
}

/**
 * What an application's decision needs, in one round trip on the command path: the shop's
 * automation settings and the buyer's signal counts in [since, until].
 */
export async function automationAndSignals(sql: Sql, shopId: string, buyerId: string, since: Instant, until: Instant): Promise<{ automation: AutomationRow; counts: Record<string, number> }> {
  const r = await sql.query<{ rules: unknown[] | null; return_shipping_estimate: number | null; returnless_threshold: number | null; counts: Record<string, number> | null }>(
    `SELECT a.rules, a.return_shipping_estimate, a.returnless_threshold,
            (SELECT json_object_agg(signal, n) FROM (SELECT signal, count(*)::int AS n FROM buyer_signals
               WHERE buyer_id = $2 AND at >= $3 AND at <= $4 GROUP BY signal) s) AS counts
     FROM (SELECT 1) one LEFT JOIN shop_automation a ON a.shop_id = $1`,
    [shopId, buyerId, iso(since), iso(until)],
  );
  const row = r.rows[0]!;
  const automation =
    row.rules === null
      ? DEFAULT_AUTOMATION
      : { ...DEFAULT_AUTOMATION, rules: row.rules, returnShippingEstimate: Number(row.return_shipping_estimate), returnlessThreshold: row.returnless_threshold === null ? null : Number(row.returnless_threshold) };
  return { automation, counts: row.counts ?? {} };
}
