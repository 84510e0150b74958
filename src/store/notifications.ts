// SPEC §10.5 notifications in the store: written in the transaction of the events (or reminders)
// that cause them, read per recipient with unread counts, marked read by their recipient.
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';

export interface NotificationRow {
  shopId: string;
  /** The cause's stream, version and recipient: deriving it twice writes it once. */
  id: string;
  recipient: { role: 'buyer' | 'merchant' | 'platform'; id: string };
  kind: string;
  /** What it is about: `ticket:<id>`, `case:<id>`, `complaint:<id>`. */
  subject: string;
  orderId: string | null;
  data: Record<string, unknown>;
}

export interface StoredNotification extends NotificationRow {
  createdAt: Instant;
  readAt: Instant | null;
}

export async function writeNotifications(tx: Sql, rows: readonly NotificationRow[], now: Instant): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const add = (v: unknown) => `$${params.push(v)}`;
  await tx.query(`WITH ${notificationCte(rows, add(iso(now)), add)} SELECT 1`, params);
}

/** The notifications' insert as a part of a WITH (`note_new`), for the statement that appends the events causing them (src/store/append.ts). */
export function notificationCte(rows: readonly NotificationRow[], createdAt: string, add: (v: unknown) => string): string {
  const values = rows.map(
    (n) => `(${[n.shopId, n.id, n.recipient.role, n.recipient.id, n.kind, n.subject, n.orderId].map((v) => `${add(v)}::text`).join(',')}, ${add(JSON.stringify(n.data))}::jsonb, ${createdAt}::timestamptz)`,
  );
  return `note_new AS (INSERT INTO notifications (shop_id, notification_id, recipient_role, recipient_id, kind, subject, order_id, data, created_at)
     VALUES ${values.join(',')} ON CONFLICT (shop_id, notification_id) DO NOTHING)`;
}

type Row = { shop_id: string; notification_id: string; recipient_role: NotificationRow['recipient']['role']; recipient_id: string; kind: string; subject: string; order_id: string | null; data: Record<string, unknown>; created_at: Date; read_at: Date | null };
const toNotification = (r: Row): StoredNotification => ({
  shopId: r.shop_id,
  id: r.notification_id,
  recipient: { role: r.recipient_role, id: r.recipient_id },
  kind: r.kind,
  subject: r.subject,
  orderId: r.order_id,
  data: r.data,
  createdAt: toMs(r.created_at),
  readAt: r.read_at === null ? null : toMs(r.read_at),
});

/** A recipient's notifications, newest first, and how many are unread. */
export async function inbox(sql: Sql, role: string, id: string, opts: { unreadOnly?: boolean; limit: number }): Promise<{ rows: StoredNotification[]; unread: number }> {
  const r = await sql.query<Row>(
    `SELECT * FROM notifications WHERE recipient_role = $1 AND recipient_id = $2 AND ($3::boolean IS FALSE OR read_at IS NULL)
     ORDER BY created_at DESC, notification_id DESC LIMIT $4`,
    [role, id, opts.unreadOnly ?? false, opts.limit],
  );
  const c = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE recipient_role = $1 AND recipient_id = $2 AND read_at IS NULL`, [role, id]);
  return { rows: r.rows.map(toNotification), unread: c.rows[0]?.n ?? 0 };
}

/** Marks a recipient's notifications read (all, or those named); returns how many changed. */
export async function markRead(sql: Sql, role: string, id: string, ids: string[] | 'all', now: Instant): Promise<number> {
  const r = await sql.query(
    `UPDATE notifications SET read_at = $3 WHERE recipient_role = $1 AND recipient_id = $2 AND read_at IS NULL
     AND ($4::text[] IS NULL OR notification_id = ANY($4::text[]))`,
    [role, id, iso(now), ids === 'all' ? null : ids],
  );
  return r.affectedRows ?? 0;
}

/** The buyer of an order (a reminder names its order, not its buyer). */
export async function buyerOfOrder(sql: Sql, shopId: string, orderId: string): Promise<string | null> {
  const r = await sql.query<{ buyer_id: string }>(`SELECT buyer_id FROM orders WHERE shop_id = $1 AND order_id = $2`, [shopId, orderId]);
  return r.rows[0]?.buyer_id ?? null;
}
