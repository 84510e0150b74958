// SPEC §8.4 shop metrics in the store: the facts (one row per counted event, at its own instant)
// and the daily rollups (per shop, per day in the platform zone, per counter), both written in
// the transaction of the events they count. A window reads the rollups of its whole days and the
// facts of its two partial days; distinct interventions and response-time percentiles are read
// from the window's facts (they do not add up over days).
import { splitWindow, emptySums, type WindowTotals } from '../domain/metrics/compute.ts';
import { isOnceRef, isSummed, METRIC_COUNTERS, type MetricCounter, type MetricFact, type TicketHistoryEvent } from '../domain/metrics/facts.ts';
import type { TicketEvent } from '../domain/ticket/events.ts';
import type { ClaimEvent } from '../domain/claim/events.ts';
import type { ComplaintEvent } from '../domain/complaint/events.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { HistoryEvent } from '../domain/metrics/facts.ts';
import type { ShopState } from '../domain/shop/types.ts';
import type { Actor, Instant, LocalDate } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';

export interface DatedFact extends MetricFact {
  /** The fact's day in the platform zone (its rollup row). */
  day: LocalDate;
}

/** Every summed counter has daily rollups (the samples are read one by one). */
const ROLLED = METRIC_COUNTERS.filter((c) => isSummed(c));

/**
 * Writes facts and adds them to their days' rollups, in one statement: a fact a case has once
 * (its first response, its first refund: ref `case:<id>`) already claimed is neither stored nor
 * counted again.
 */
export async function writeFacts(tx: Sql, facts: readonly DatedFact[]): Promise<void> {
  if (facts.length === 0) return;
  const params: unknown[] = [];
  const ctes = factCtes(facts, (v) => `$${params.push(v)}`);
  await tx.query(`WITH ${ctes} SELECT 1`, params);
}

// A case's facts it has once (first response, first refund) and a ticket's first breach (SPEC §10.1).
const isOnce = (f: DatedFact) => isOnceRef(f.ref);

/** The rollup rows of facts: one per (shop, day, counter), their count and sum. */
function rollupRows(facts: readonly DatedFact[]): { shopId: string; day: LocalDate; counter: MetricCounter; n: number; total: number }[] {
  const rows = new Map<string, { shopId: string; day: LocalDate; counter: MetricCounter; n: number; total: number }>();
  for (const f of facts) {
    if (!isSummed(f.counter)) continue;
    const k = `${f.shopId}\u0000${f.day}\u0000${f.counter}`;
    const r = rows.get(k) ?? rows.set(k, { shopId: f.shopId, day: f.day, counter: f.counter, n: 0, total: 0 }).get(k)!;
    r.n += 1;
    r.total += Math.round(f.value);
  }
  return [...rows.values()];
}

/**
 * The facts' writes as common table expressions, for a statement of the caller's: appendDecisions
 * puts them in front of its events insert, so a command pays no extra round trip for its metrics
 * (PostgreSQL runs a data-modifying WITH once, read or not). A fact named by its event is unique
 * by that event (the events insert of the same statement, or the complaint's stream, would fail on
 * a second one): it is inserted as is and its rollup row is summed here, not in SQL. Only the facts
 * a case has once are claimed in `metric_once` first and stored and counted when the claim is new.
 */
export function factCtes(facts: readonly DatedFact[], add: (v: unknown) => string): string {
  const factRow = (f: DatedFact) =>
    `(${add(f.shopId)}::text,${add(f.counter)}::text,${add(f.ref)}::text,${add(iso(f.at))}::timestamptz,${add(f.orderId)}::text,${add(Math.round(f.value))}::bigint`;
  const plain = facts.filter((f) => !isOnce(f));
  const once = facts.filter(isOnce);
  const ctes: string[] = [];
  const rollups: string[] = [];
  if (plain.length) {
    ctes.push(`mf_facts AS (INSERT INTO metric_facts (shop_id, counter, ref, at, order_id, value) VALUES ${plain.map((f) => `${factRow(f)})`).join(',')})`);
    const rows = rollupRows(plain);
    if (rows.length) rollups.push(`VALUES ${rows.map((r) => `(${add(r.shopId)}::text,${add(r.day)}::date,${add(r.counter)}::text,${add(r.n)}::bigint,${add(r.total)}::bigint)`).join(',')}`);
  }
  if (once.length) {
    ctes.push(
      `mf_v(shop_id, counter, ref, at, order_id, value, day) AS (VALUES ${once.map((f) => `${factRow(f)},${add(f.day)}::date)`).join(',')})`,
      `mf_once AS (INSERT INTO metric_once (shop_id, counter, ref) SELECT shop_id, counter, ref FROM mf_v ON CONFLICT DO NOTHING RETURNING shop_id, counter, ref)`,
      `mf_once_facts AS (INSERT INTO metric_facts (shop_id, counter, ref, at, order_id, value)
         SELECT v.shop_id, v.counter, v.ref, v.at, v.order_id, v.value FROM mf_v v JOIN mf_once USING (shop_id, counter, ref))`,
    );
    if (once.some((f) => isSummed(f.counter))) {
      rollups.push(`SELECT v.shop_id, v.day, v.counter, 1::bigint, v.value FROM mf_v v JOIN mf_once USING (shop_id, counter, ref) WHERE v.counter = ANY(${add(ROLLED)}::text[])`);
    }
  }
  if (rollups.length) {
    // One row per (shop, day, counter) in the insert (ON CONFLICT DO UPDATE takes a row once).
    const source = rollups.length === 1 && plain.length ? rollups[0]! : `SELECT shop_id, day, counter, sum(n)::bigint, sum(total)::bigint FROM (${rollups.join(' UNION ALL ')}) r(shop_id, day, counter, n, total) GROUP BY 1, 2, 3`;
    ctes.push(`mf_daily AS (INSERT INTO metric_daily (shop_id, day, counter, n, total) ${source}
       ON CONFLICT (shop_id, day, counter) DO UPDATE SET n = metric_daily.n + EXCLUDED.n, total = metric_daily.total + EXCLUDED.total)`);
  }
  return ctes.join(',\n     ');
}

type TotalsRow = { k: string; shop_id: string; counter: string; n: string | number; t: string | number | null };

/** The window totals of each shop, in one round trip. */
export async function windowTotals(sql: Sql, shopIds: readonly string[], from: Instant, to: Instant, tz: string): Promise<Map<string, WindowTotals>> {
  const out = new Map<string, WindowTotals>(shopIds.map((id) => [id, { sums: emptySums(), interventionOrders: 0, firstResponses: [] }]));
  if (shopIds.length === 0) return out;
  const { head, days, tail } = splitWindow(from, to, tz);
  const params: unknown[] = [shopIds, iso(from), iso(to)];
  const add = (v: unknown) => `$${params.push(v)}`;
  let rolled = '';
  const parts: string[] = [];
  if (days.length) {
    parts.push(`SELECT 'd' AS k, shop_id, counter, sum(n) AS n, sum(total) AS t FROM metric_daily
      WHERE shop_id = ANY($1) AND day >= ${add(days[0])}::date AND day <= ${add(days.at(-1))}::date GROUP BY shop_id, counter`);
  }
  for (const [a, b] of [head, tail]) {
    if (a >= b) continue;
    // Named like the first part's columns: a window without a whole day starts with this part.
    parts.push(`SELECT 'p' AS k, shop_id, counter, count(*) AS n, sum(value) AS t FROM metric_facts
      WHERE shop_id = ANY($1) AND counter = ANY(${(rolled ||= add(ROLLED))}::text[]) AND at >= ${add(iso(a))}::timestamptz AND at < ${add(iso(b))}::timestamptz GROUP BY shop_id, counter`);
  }
  parts.push(`SELECT 'i' AS k, shop_id, 'intervention' AS counter, count(DISTINCT order_id) AS n, 0 AS t FROM metric_facts
      WHERE shop_id = ANY($1) AND counter = 'intervention' AND at >= $2 AND at < $3 GROUP BY shop_id`);
  parts.push(`SELECT 'r', shop_id, 'first_response', 1, value FROM metric_facts
      WHERE shop_id = ANY($1) AND counter = 'first_response' AND at >= $2 AND at < $3`);
  const r = await sql.query<TotalsRow>(parts.join('\nUNION ALL\n'), params);
  for (const row of r.rows) {
    const t = out.get(row.shop_id);
    if (!t) continue;
    const n = Number(row.n);
    const total = Number(row.t ?? 0);
    if (row.k === 'i') t.interventionOrders = n;
    else if (row.k === 'r') t.firstResponses.push(total);
    else {
      const s = t.sums[row.counter as MetricCounter];
      if (s) {
        s.n += n;
        s.total += total;
      }
    }
  }
  return out;
}

/** Daily rollup rows of shops over [fromDay, toDay] (charts, audits). */
export async function dailyRollups(sql: Sql, shopIds: readonly string[], fromDay: LocalDate, toDay: LocalDate): Promise<{ shopId: string; day: LocalDate; counter: MetricCounter; n: number; total: number }[]> {
  const r = await sql.query<{ shop_id: string; day: string | Date; counter: MetricCounter; n: string | number; total: string | number }>(
    `SELECT shop_id, day::text AS day, counter, n, total FROM metric_daily WHERE shop_id = ANY($1) AND day >= $2::date AND day <= $3::date ORDER BY shop_id, day, counter`,
    [shopIds, fromDay, toDay],
  );
  return r.rows.map((x) => ({ shopId: x.shop_id, day: dayText(x.day), counter: x.counter, n: Number(x.n), total: Number(x.total) }));
}

/** Facts of shops in [from, to), of the given counters (samples for charts, cases behind a number). */
export async function factsIn(sql: Sql, shopIds: readonly string[], counters: readonly MetricCounter[], from: Instant | null, to: Instant | null): Promise<MetricFact[]> {
  const r = await sql.query<{ shop_id: string; counter: MetricCounter; ref: string; at: Date | string; order_id: string; value: string | number }>(
    `SELECT shop_id, counter, ref, at, order_id, value FROM metric_facts
     WHERE shop_id = ANY($1) AND counter = ANY($2) AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4) ORDER BY shop_id, at, ref`,
    [shopIds, counters, from === null ? null : iso(from), to === null ? null : iso(to)],
  );
  return r.rows.map((x) => ({ shopId: x.shop_id, counter: x.counter, ref: x.ref, at: toMs(x.at), orderId: x.order_id, value: Number(x.value) }));
}

/** A shop's stored facts, all of them (audits). */
export async function shopFacts(sql: Sql, shopId: string): Promise<MetricFact[]> {
  return factsIn(sql, [shopId], METRIC_COUNTERS, null, null);
}

/** Forgets a shop's facts and rollups (before a rebuild from its history). */
export async function clearShopMetrics(tx: Sql, shopId: string): Promise<void> {
  await tx.query(`DELETE FROM metric_facts WHERE shop_id = $1`, [shopId]);
  await tx.query(`DELETE FROM metric_once WHERE shop_id = $1`, [shopId]);
  await tx.query(`DELETE FROM metric_daily WHERE shop_id = $1`, [shopId]);
}

const dayText = (d: string | Date): LocalDate => String(d).slice(0, 10);

/** A shop's order events in each order's sequence, its complaint filings and its tickets' counted events (the recount's input). */
export async function shopHistory(
  sql: Sql,
  shopId: string,
): Promise<{
  history: HistoryEvent[];
  complaints: { event: ComplaintEvent; streamVersion: number }[];
  tickets: TicketHistoryEvent[];
  claims: { event: ClaimEvent; orderId: string; streamVersion: number }[];
}> {
  const ev = await sql.query<{ order_id: string; seq: number; data: DomainEvent; actor: Actor }>(
    `SELECT order_id, seq, data, actor FROM events WHERE shop_id = $1 ORDER BY order_id, seq`,
    [shopId],
  );
  const cp = await sql.query<{ data: ComplaintEvent; stream_version: number }>(
    `SELECT data, stream_version FROM governance_events WHERE shop_id = $1 AND type = 'ComplaintFiled' ORDER BY stream_id, stream_version`,
    [shopId],
  );
  // SPEC §10.1: the ticket events the metrics count, in each stream's order, with the ticket's order.
  const tk = await sql.query<{ data: TicketEvent; stream_version: number; order_id: string | null }>(
    `SELECT g.data, g.stream_version, t.order_id FROM governance_events g
     LEFT JOIN tickets t ON t.shop_id = g.shop_id AND g.stream_id = 'ticket:' || t.ticket_id
     WHERE g.shop_id = $1 AND g.type IN ('TicketOpened', 'TicketSlaBreached', 'TicketRated') ORDER BY g.stream_id, g.stream_version`,
    [shopId],
  );
  // SPEC §13: the A-to-z claim events the metrics count, with the claim's order.
  const cl = await sql.query<{ data: ClaimEvent; stream_version: number }>(
    `SELECT data, stream_version FROM governance_events WHERE shop_id = $1 AND type IN ('ClaimFiled', 'ClaimRuled', 'ClaimAppealRuled') ORDER BY stream_id, stream_version`,
    [shopId],
  );
  const claimOrders = new Map<string, string>();
  for (const x of cl.rows) if (x.data.type === 'ClaimFiled') claimOrders.set(x.data.claimId, x.data.orderId);
  return {
    claims: cl.rows.map((x) => ({ event: x.data, orderId: claimOrders.get(x.data.claimId) ?? '', streamVersion: x.stream_version })),
    history: ev.rows.map((x) => ({ orderId: x.order_id, seq: x.seq, event: x.data, actor: x.actor })),
    complaints: cp.rows.map((x) => ({ event: x.data, streamVersion: x.stream_version })),
    tickets: tk.rows.map((x) => ({ event: x.data, orderId: x.order_id, streamVersion: x.stream_version })),
  };
}

/** Every shop id, with its category and pack (rebuilds, audits, the governance cycle). */
export async function shopsForMetrics(sql: Sql, opts: { shopId?: string; pack?: string; category?: string } = {}): Promise<{ shopId: string; category: string; pack: string }[]> {
  const r = await sql.query<{ shop_id: string; category: string; policy_pack: string }>(
    `SELECT shop_id, category, policy_pack FROM shops
     WHERE ($1::text IS NULL OR shop_id = $1) AND ($2::text IS NULL OR policy_pack = $2) AND ($3::text IS NULL OR category = $3) AND sandbox_clock IS NULL
     ORDER BY shop_id`,
    [opts.shopId ?? null, opts.pack ?? null, opts.category ?? null],
  );
  return r.rows.map((x) => ({ shopId: x.shop_id, category: x.category, pack: x.policy_pack }));
}

/**
 * SPEC §8.5: the governance cycle of a pack is one platform deadline (shop_id '' — no shop owns
 * it; subject governance:<pack>), due at each period end. Scheduling it again is a no-op.
 */
export const cycleSubject = (pack: string) => `governance:${pack}`;
export const CYCLE_KIND = 'governance_cycle';

/** SPEC §13: a pack's daily seller performance review, a platform deadline like the cycle. */
export const reviewSubject = (pack: string) => `performance:${pack}`;
export const REVIEW_KIND = 'performance_review';

/** A platform deadline (no shop owns it) of a kind and subject; scheduling it again is a no-op. */
export async function schedulePlatformDeadline(sql: Sql, subject: string, kind: string, dueAt: Instant, policyVersion: string, now: Instant): Promise<void> {
  await sql.query(
    `INSERT INTO deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, aggregate)
     VALUES ('', '', $1, $2, $3, $4, 'pending', $5, 'platform') ON CONFLICT DO NOTHING`,
    [subject, kind, iso(dueAt), policyVersion, iso(now)],
  );
}

/** Marks a platform deadline fired; false when another runner has (the row lock orders them). */
export async function takePlatformDeadline(tx: Sql, subject: string, kind: string, dueAt: Instant, now: Instant): Promise<boolean> {
  const r = await tx.query(
    `UPDATE deadlines SET status = 'fired', fired_at = $4 WHERE shop_id = '' AND order_id = '' AND subject = $1 AND kind = $2
       AND due_at = $3 AND status = 'pending'`,
    [subject, kind, iso(dueAt), iso(now)],
  );
  return r.affectedRows === 1;
}

export const scheduleCycle = (sql: Sql, pack: string, dueAt: Instant, policyVersion: string, now: Instant) =>
  schedulePlatformDeadline(sql, cycleSubject(pack), CYCLE_KIND, dueAt, policyVersion, now);
export const takeCycle = (tx: Sql, pack: string, dueAt: Instant, now: Instant) => takePlatformDeadline(tx, cycleSubject(pack), CYCLE_KIND, dueAt, now);

/** The platform deadlines of a subject, oldest first (tests, the console). */
export async function platformDeadlines(sql: Sql, subject: string): Promise<{ dueAt: Instant; status: string }[]> {
  const r = await sql.query<{ due_at: Date | string; status: string }>(
    `SELECT due_at, status FROM deadlines WHERE shop_id = '' AND order_id = '' AND subject = $1 ORDER BY due_at`,
    [subject],
  );
  return r.rows.map((x) => ({ dueAt: toMs(x.due_at), status: x.status }));
}

/** The cycle deadlines of a pack, oldest first. */
export const cycleDeadlines = (sql: Sql, pack: string) => platformDeadlines(sql, cycleSubject(pack));

/** The governance states of some shops (status, watch and notices beside their numbers). */
export async function governanceStates(sql: Sql, shopIds: readonly string[]): Promise<Map<string, ShopState>> {
  const r = await sql.query<{ shop_id: string; state: ShopState }>(`SELECT shop_id, state FROM shop_governance WHERE shop_id = ANY($1)`, [shopIds]);
  return new Map(r.rows.map((x) => [x.shop_id, x.state]));
}
