// Reads around automation that touch the case tables: whether a buyer is a shop's customer (a
// merchant sees the risk of its own buyers only), and a shop's cases of a period for a backtest.
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso } from './time.ts';

export async function buyerHasOrdered(sql: Sql, shopId: string, buyerId: string): Promise<boolean> {
  const r = await sql.query('SELECT 1 FROM orders WHERE shop_id = $1 AND buyer_id = $2 LIMIT 1', [shopId, buyerId]);
  return r.rows.length > 0;
}

/** The orders of a shop with a case applied in [since, until] (a backtest replays them). */
export async function ordersWithCasesSince(sql: Sql, shopId: string, since: Instant, until: Instant): Promise<string[]> {
  const r = await sql.query<{ order_id: string }>(
    'SELECT DISTINCT order_id FROM cases WHERE shop_id = $1 AND applied_at >= $2 AND applied_at <= $3 ORDER BY order_id',
    [shopId, iso(since), iso(until)],
  );
  return r.rows.map((x) => x.order_id);
}

/**
 * The events of some orders of a shop, each order's in order — without the deadline bookkeeping
 * (deadlines started and cleared, auto-confirm paused and resumed: a third of the rows), which no
 * automation rule looks at.
 */
export async function eventsOfOrders(sql: Sql, shopId: string, orderIds: readonly string[] /* sorted as ordersWithCasesSince returns them */): Promise<{ orderId: string; data: unknown }[]> {
  if (orderIds.length === 0) return [];
  const r = await sql.query<{ order_id: string; data: unknown }>(
    // A range of the primary key (shop_id, order_id, seq), not a list: a long list makes the planner
    // scan the whole table once per batch. Orders in the range without a case are dropped here.
    `SELECT order_id, data FROM events WHERE shop_id = $1 AND order_id BETWEEN $2 AND $3
       AND type NOT IN ('CaseDeadlineStarted', 'CaseDeadlineCleared', 'OrderDeadlineStarted', 'OrderDeadlineCleared', 'AutoConfirmPaused', 'AutoConfirmResumed')
     ORDER BY order_id, seq`,
    // The ids come sorted by the database (ordersWithCasesSince): first and last bound the range in its collation.
    [shopId, orderIds[0], orderIds[orderIds.length - 1]],
  );
  const wanted = new Set(orderIds);
  return r.rows.filter((x) => wanted.has(x.order_id)).map((x) => ({ orderId: x.order_id, data: x.data }));
}
