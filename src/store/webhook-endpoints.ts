// Webhook endpoints as their owners see them (adding one: src/store/outbox.ts `addEndpoint`).
import type { Sql } from './db.ts';

export interface EndpointListing {
  shopId: string;
  endpointId: string;
  url: string;
  active: boolean;
  maxAttempts: number;
}

/** A shop's endpoints, or every one (`shopId` null). Secrets are never read back. */
export async function listEndpoints(sql: Sql, shopId: string | null): Promise<EndpointListing[]> {
  const r = await sql.query<{ shop_id: string; endpoint_id: string; url: string; active: boolean; max_attempts: number }>(
    'SELECT shop_id, endpoint_id, url, active, max_attempts FROM webhook_endpoints WHERE ($1::text IS NULL OR shop_id = $1) ORDER BY shop_id, endpoint_id',
    [shopId],
  );
  return r.rows.map((x) => ({ shopId: x.shop_id, endpointId: x.endpoint_id, url: x.url, active: x.active, maxAttempts: x.max_attempts }));
}

/** Deactivated, not deleted: its past deliveries keep their endpoint. False when none was active. */
export async function deactivateEndpoint(sql: Sql, shopId: string, endpointId: string): Promise<boolean> {
  const r = await sql.query('UPDATE webhook_endpoints SET active = false WHERE shop_id = $1 AND endpoint_id = $2 AND active', [shopId, endpointId]);
  return (r.affectedRows ?? 0) > 0;
}

/** Every endpoint's stored secret (as stored: encrypted), for re-encryption under a new key. */
export async function storedSecrets(sql: Sql): Promise<{ shopId: string; endpointId: string; secret: string }[]> {
  const r = await sql.query<{ shop_id: string; endpoint_id: string; secret: string }>('SELECT shop_id, endpoint_id, secret FROM webhook_endpoints ORDER BY shop_id, endpoint_id');
  return r.rows.map((x) => ({ shopId: x.shop_id, endpointId: x.endpoint_id, secret: x.secret }));
}

/** Replaces a stored secret only if it is still the one read (a concurrent change wins). */
export async function replaceSecret(sql: Sql, shopId: string, endpointId: string, from: string, to: string): Promise<boolean> {
  const r = await sql.query('UPDATE webhook_endpoints SET secret = $4 WHERE shop_id = $1 AND endpoint_id = $2 AND secret = $3', [shopId, endpointId, from, to]);
  return (r.affectedRows ?? 0) > 0;
}
