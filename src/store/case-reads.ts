// Read models over the case and order snapshots: one case, the cases of an order, the case queue
// and the order list (keyset pagination: a page ends where the next one starts), and the buyers
// the demo's sign-in page lists. Tenancy is the caller's (src/app/principal.ts): these read what
// they are told to.
import type { CaseState, OrderState } from '../domain/state.ts';
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';

export async function caseById(sql: Sql, caseId: string, shopId?: string): Promise<CaseState | null> {
  // With the shop, a statement that names it: on Citus it routes to that shop's shard.
  const r = shopId
    ? await sql.query<{ state: CaseState }>('SELECT state FROM cases WHERE shop_id = $1 AND case_id = $2', [shopId, caseId])
    : await sql.query<{ state: CaseState }>('SELECT state FROM cases WHERE case_id = $1', [caseId]);
  return r.rows[0]?.state ?? null;
}

/** An order's cases, first applied first. */
export async function casesOfOrder(sql: Sql, shopId: string, orderId: string): Promise<CaseState[]> {
  return casesOfOrders(sql, [{ shopId, orderId }]);
}

/** The cases of many orders in one query (each order's shard key is its shop). */
export async function casesOfOrders(sql: Sql, orders: readonly { shopId: string; orderId: string }[]): Promise<CaseState[]> {
  if (orders.length === 0) return [];
  const r = await sql.query<{ state: CaseState }>(
    `SELECT state FROM cases WHERE (shop_id, order_id) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY applied_at`,
    [orders.map((o) => o.shopId), orders.map((o) => o.orderId)],
  );
  return r.rows.map((x) => x.state);
}

/** Conditions joined by AND; `eq` of undefined adds nothing. */
function conditions() {
  const where: string[] = [];
  const params: unknown[] = [];
  return {
    where,
    params,
    eq(column: string, v: unknown, cast = '') {
      if (v !== undefined) where.push(`${column} = $${params.push(v)}${cast}`);
    },
    raw(sqlWithQ: string, ...vs: unknown[]) {
      let s = sqlWithQ;
      for (const v of vs) s = s.replace('?', `$${params.push(v)}`);
      where.push(s);
    },
    text: () => (where.length ? `WHERE ${where.join(' AND ')}` : ''),
  };
}

export interface CaseQuery {
  /** Each defined one must match: the caller's tenancy and the filters given. */
  shops: (string | undefined)[];
  buyers: (string | undefined)[];
  statuses?: string[];
  type?: string;
  reason?: string;
  phase?: string;
  deadlineBefore?: Instant;
  deadlineAfter?: Instant;
  /**
   * Part of the case id, the order id, the buyer, or a claimed product's title or SKU (issue 16:
   * the merchant looks a case up by whatever the buyer told them).
   */
  q?: string;
  sort: 'applied' | 'deadline';
  limit: number;
  /** Where the previous page ended: its sort key (ISO instant or 'infinity') and case id. */
  after?: { key: string; caseId: string };
}

/** A page of the queue, newest first or nearest deadline first; `next` is where the page ended when more follow. */
export async function queryCases(sql: Sql, f: CaseQuery): Promise<{ cases: CaseState[]; products: Map<string, CaseProduct[]>; next: { key: string; caseId: string } | null }> {
  const c = conditions();
  for (const s of f.shops) c.eq('shop_id', s);
  for (const b of f.buyers) c.eq('buyer_id', b);
  if (f.statuses) c.raw('status = ANY(?::text[])', f.statuses);
  c.eq('type', f.type);
  c.eq('reason', f.reason);
  c.eq('phase', f.phase);
  if (f.deadlineBefore !== undefined) c.raw('deadline_due < ?', iso(f.deadlineBefore));
  if (f.deadlineAfter !== undefined) c.raw('deadline_due >= ?', iso(f.deadlineAfter));
  if (f.q) {
    // LIKE's own characters are matched as themselves (escaped with LIKE's default `\`): buyer ids
    // such as tb_88249455 carry an underscore.
    const i = c.params.push(`%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
    // The order's lines are in its snapshot: a product matches on any line of the case's order.
    c.where.push(
      `(case_id ILIKE $${i} OR order_id ILIKE $${i} OR buyer_id ILIKE $${i} OR EXISTS (SELECT 1 FROM orders o, jsonb_array_elements(o.state->'lines') l ` +
        `WHERE o.shop_id = cases.shop_id AND o.order_id = cases.order_id AND (l->>'title' ILIKE $${i} OR l->>'sku' ILIKE $${i})))`,
    );
  }
  const byDeadline = f.sort === 'deadline';
  const key = byDeadline ? "coalesce(deadline_due, 'infinity'::timestamptz)" : 'applied_at';
  if (f.after) c.raw(`(${key}, case_id) ${byDeadline ? '>' : '<'} (?::timestamptz, ?)`, f.after.key, f.after.caseId);
  const dir = byDeadline ? 'ASC' : 'DESC';
  const r = await sql.query<{ state: CaseState; k: Date | string; case_id: string }>(
    `SELECT state, ${key} AS k, case_id FROM cases ${c.text()} ORDER BY ${key} ${dir}, case_id ${dir} LIMIT ${f.limit + 1}`,
    c.params,
  );
  const page = r.rows.slice(0, f.limit);
  const products = await productsOf(sql, page.map((x) => x.state));
  const last = page.at(-1);
  const lastKey = last && (isFinite(new Date(last.k).getTime()) ? new Date(last.k).toISOString() : 'infinity');
  return { cases: page.map((x) => x.state), products, next: r.rows.length > f.limit && last ? { key: lastKey!, caseId: last.case_id } : null };
}

/** A claimed line's product as the queue shows it. */
export interface CaseProduct {
  sku: string;
  title: string | null;
}

/** The products each case claims, by case id (the titles and SKUs live on the order's lines). */
async function productsOf(sql: Sql, cases: readonly CaseState[]): Promise<Map<string, CaseProduct[]>> {
  const out = new Map<string, CaseProduct[]>();
  if (cases.length === 0) return out;
  const r = await sql.query<{ shop_id: string; order_id: string; lines: { id: string; sku: string; title?: string | null }[] }>(
    `SELECT shop_id, order_id, state->'lines' AS lines FROM orders WHERE (shop_id, order_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [cases.map((c) => c.shopId), cases.map((c) => c.orderId)],
  );
  const byOrder = new Map(r.rows.map((x) => [`${x.shop_id}/${x.order_id}`, x.lines]));
  for (const c of cases) {
    const lines = byOrder.get(`${c.shopId}/${c.orderId}`) ?? [];
    out.set(
      c.id,
      c.lines.map((cl) => {
        const l = lines.find((x) => x.id === cl.lineId);
        return { sku: l?.sku ?? '', title: l?.title ?? null };
      }),
    );
  }
  return out;
}

export interface OrderQuery {
  shops: (string | undefined)[];
  buyers: (string | undefined)[];
  status?: string;
  limit: number;
  /** 'changed' (default): most recently changed first; 'placed': newest placed first (a buyer's list). */
  by?: 'changed' | 'placed';
  /** Where the previous page ended: its sort key (updated_at ISO, or placedAt ms as digits), shop and order. */
  after?: { key: string; shopId: string; orderId: string };
}

/** A page of orders, most recently changed (or placed) first. */
export async function queryOrders(sql: Sql, f: OrderQuery): Promise<{ orders: OrderState[]; next: { key: string; shopId: string; orderId: string } | null }> {
  const c = conditions();
  for (const s of f.shops) c.eq('shop_id', s);
  for (const b of f.buyers) c.eq('buyer_id', b);
  c.eq('status', f.status);
  const placed = f.by === 'placed';
  const key = placed ? "(state->>'placedAt')::bigint" : 'updated_at';
  if (f.after) c.raw(`(${key}, shop_id, order_id) < (?::${placed ? 'bigint' : 'timestamptz'}, ?, ?)`, f.after.key, f.after.shopId, f.after.orderId);
  const r = await sql.query<{ state: OrderState; updated_at: Date | string }>(
    `SELECT state, updated_at FROM orders ${c.text()} ORDER BY ${key} DESC, shop_id DESC, order_id DESC LIMIT ${f.limit + 1}`,
    c.params,
  );
  const page = r.rows.slice(0, f.limit);
  const last = page.at(-1);
  const lastKey = last ? (placed ? String(last.state.placedAt) : iso(toMs(last.updated_at))) : '';
  return {
    orders: page.map((x) => x.state),
    next: r.rows.length > f.limit && last ? { key: lastKey, shopId: last.state.shopId, orderId: last.state.id } : null,
  };
}

/** For each status, the buyers with a case in it, by id (the demo's sign-in page picks among them). */
export async function buyersPerStatus(sql: Sql, statuses: readonly string[]): Promise<{ status: string; buyerId: string }[]> {
  const r = await sql.query<{ buyer_id: string; status: string }>('SELECT DISTINCT status, buyer_id FROM cases WHERE status = ANY($1::text[]) ORDER BY status, buyer_id', [[...statuses]]);
  return r.rows.map((x) => ({ status: x.status, buyerId: x.buyer_id }));
}
