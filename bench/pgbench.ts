// pgbench running the SQL of one engine command (the baseline of bench:store and bench:http).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * pgbench running the statements one engine command sends, in the same order and on the same
 * tables, rewriting the same jsonb documents: locate the case; BEGIN; load shop + order + cases in
 * one query; bump the order's version (rewriting its snapshot); insert two events; rewrite the
 * case projection; end one deadline and start another; write two outbox messages with their
 * fan-out; COMMIT. What is left between the two rates is the engine itself (Node, the driver, the
 * decider, hashing).
 */
export function pgbench(url: string, schema: string, clients: number, o: { cases: number; seconds: number; prefix?: string }): number {
  const { cases, seconds } = o;
  const px = o.prefix ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  const script = join(dir, 'command.sql');
  writeFileSync(
    script,
    `\\set c random(0, ${cases - 1})
SELECT shop_id, order_id FROM ${schema}.cases WHERE case_id = '${px}C' || :c;
BEGIN;
SELECT s.policy_pack, s.overrides, o.state, o.version, o.stream_version, o.last_hash,
       (SELECT json_agg(json_build_array(c.case_id, c.state, c.last_hash)) FROM ${schema}.cases c WHERE c.shop_id = 'S1' AND c.order_id = '${px}O' || :c) AS cases
  FROM (SELECT 'S1'::text AS shop_id) k LEFT JOIN ${schema}.shops s ON s.shop_id = k.shop_id
  LEFT JOIN ${schema}.orders o ON o.shop_id = k.shop_id AND o.order_id = '${px}O' || :c;
UPDATE ${schema}.orders SET version = version + 2, stream_version = stream_version, last_hash = md5(random()::text),
  state = jsonb_set(state, '{compensation}', to_jsonb(version)), updated_at = now() WHERE shop_id = 'S1' AND order_id = '${px}O' || :c;
INSERT INTO ${schema}.events (shop_id, order_id, seq, stream_id, stream_version, type, data, actor, occurred_at, recorded_at, prev_hash, hash)
  SELECT 'S1', '${px}O' || :c, m + i, 'case:${px}C' || :c || ':pgbench', m + i, 'OfferMade',
         jsonb_build_object('type', 'OfferMade', 'caseId', '${px}C' || :c, 'at', 1, 'offer', jsonb_build_object('type', 'refund_only', 'amount', 1000), 'to', 'offer_pending'),
         '{"role":"merchant","id":"S1"}', now(), now(), md5(random()::text) || md5(random()::text), md5(random()::text) || md5(random()::text)
  FROM (SELECT coalesce(max(seq), 0) AS m FROM ${schema}.events WHERE shop_id = 'S1' AND order_id = '${px}O' || :c) x, generate_series(1, 2) i;
UPDATE ${schema}.cases SET status = status, amount = amount, version = version + 2, last_hash = md5(random()::text),
  state = jsonb_set(state, '{insurerClaim}', to_jsonb(version)), updated_at = now() WHERE shop_id = 'S1' AND case_id = '${px}C' || :c;
WITH ended AS (UPDATE ${schema}.deadlines SET status = 'cancelled' WHERE shop_id = 'S1' AND order_id = '${px}O' || :c AND subject = 'none' RETURNING 1)
INSERT INTO ${schema}.deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, remind_at)
  SELECT 'S1', '${px}O' || :c, '${px}C' || :c, 'pgbench', now(), '2025.1', 'cancelled', now(), now() WHERE (SELECT count(*) FROM ended) >= 0
  ON CONFLICT (shop_id, order_id, subject, kind, due_at) DO UPDATE SET status = 'cancelled';
WITH m AS (INSERT INTO ${schema}.outbox (shop_id, order_id, stream_id, type, payload, event_seq, created_at)
           SELECT 'S1', '${px}O' || :c, 'case:${px}C' || :c, 'OfferMade', NULL, i, now() FROM generate_series(1, 2) i
           RETURNING shop_id, id, stream_id, created_at)
INSERT INTO ${schema}.deliveries (shop_id, message_id, endpoint_shop, endpoint_id, stream_id, next_attempt_at)
  SELECT m.shop_id, m.id, w.shop_id, w.endpoint_id, m.stream_id, m.created_at FROM m JOIN ${schema}.webhook_endpoints w ON w.shop_id IN (m.shop_id, '_platform') AND w.active;
COMMIT;
`,
  );
  try {
    const out = execFileSync('pgbench', ['-n', '-f', script, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), url], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const m = /tps = ([\d.]+)/.exec(out);
    return m ? Number(m[1]) : NaN;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

