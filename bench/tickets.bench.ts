// npm run bench:tickets — ticket commands (SPEC §10.1) on PostgreSQL at concurrency 1, 8 and 32
// against pgbench running the same statements in the same run: buyers and merchants going back
// and forth on tickets (`reply`), each command a ticket event in its hash-chained stream, the
// projection rewritten, a webhook message with its fan-out and a notification for the other side.
// `--quick`: 2 s per point, concurrency 1 and 8 (the size for a shared machine).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import type { Actor } from '../src/domain/types.ts';
import { openPostgres, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const QUICK = process.argv.includes('--quick');
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 8));
const LEVELS = QUICK ? [1, 8] : [1, 8, 32];
const TICKETS = 256;
const SCHEMA = 'bench_tickets';
const merchant: Actor = { role: 'merchant', id: 'S1' };

async function prepare(db: Database): Promise<Engine> {
  await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await db.useSchema(SCHEMA);
  await migrate(db);
  const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false });
  await engine.upsertShop({ id: 'S1', pack: 'tmall' });
  for (let i = 0; i < TICKETS; i++) {
    const r = await engine.ticketCommand({ kind: 'open_ticket', ticketKind: 'consultation', message: '请问什么时候发货?', ticketId: `T${i}`, actor: { role: 'buyer', id: `B${i}` } }, { shopId: 'S1' });
    if (!r.ok) throw new Error(r.message.en);
    // The first answer (the first-response clock stops); later replies change no deadline.
    await engine.ticketCommand({ kind: 'reply', message: '您好, 今天下午发出', ticketId: `T${i}`, actor: merchant }, { shopId: 'S1' });
  }
  return engine;
}

async function workload(engine: Engine, concurrency: number): Promise<{ perSec: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const perWorker = Math.floor(TICKETS / concurrency);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        const n = w * perWorker + (Math.floor(i / 2) % perWorker);
        const actor: Actor = i % 2 === 0 ? { role: 'buyer', id: `B${n}` } : merchant;
        const t = performance.now();
        const r = await engine.ticketCommand({ kind: 'reply', message: i % 2 === 0 ? '还没收到, 麻烦查一下' : '已催快递, 请再等一天', ticketId: `T${n}`, actor }, { shopId: 'S1' });
        latencies.push(performance.now() - t);
        if (!r.ok) throw new Error(`reply T${n}: ${r.code} ${r.message.en}`);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { perSec: latencies.length / SECONDS, p50: q(0.5), p99: q(0.99) };
}

/**
 * pgbench running the statements one `reply` sends, in the same order and on the same tables,
 * rewriting the same jsonb documents: BEGIN; load the ticket; load the shop; insert the event into
 * the ticket's stream; rewrite the projection from a JSON record set (as the engine sends it);
 * write the webhook message with its fan-out; write the notification; COMMIT.
 */
function pgbench(clients: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-tickets-'));
  const script = join(dir, 'reply.sql');
  const s = SCHEMA;
  writeFileSync(
    script,
    `\\set t random(0, ${TICKETS - 1})
BEGIN;
SELECT state, version, last_hash FROM ${s}.tickets WHERE ticket_id = 'T' || :t AND shop_id = 'S1';
SELECT s.policy_pack, s.overrides, o.state, o.version FROM (SELECT 'S1'::text AS shop_id) k LEFT JOIN ${s}.shops s ON s.shop_id = k.shop_id
  LEFT JOIN ${s}.orders o ON o.shop_id = k.shop_id AND o.order_id = '';
INSERT INTO ${s}.governance_events (shop_id, stream_id, stream_version, type, data, actor, occurred_at, recorded_at, prev_hash, hash)
  SELECT 'S1', 'ticket:T' || :t || ':pgbench:' || :client_id, coalesce(max(stream_version), 0) + 1, 'TicketMessagePosted',
         jsonb_build_object('type', 'TicketMessagePosted', 'ticketId', 'T' || :t, 'party', 'buyer', 'text', '还没收到, 麻烦查一下', 'attachments', '[]'::jsonb, 'firstResponse', false),
         '{"role":"buyer","id":"B1"}', now(), now(), md5(random()::text) || md5(random()::text), md5(random()::text) || md5(random()::text)
  FROM ${s}.governance_events WHERE shop_id = 'S1' AND stream_id = 'ticket:T' || :t || ':pgbench:' || :client_id;
UPDATE ${s}.tickets t SET status = v.status, escalated = v.escalated, sla_due = v.sla_due, updated_at = now(), version = t.version + 1, last_hash = md5(random()::text),
  state = jsonb_set(v.state, '{reopened}', to_jsonb(t.version))
  FROM jsonb_to_recordset((SELECT jsonb_build_array(jsonb_build_object('shop_id', shop_id, 'ticket_id', ticket_id, 'status', status, 'escalated', escalated, 'sla_due', sla_due, 'state', state))
                           FROM ${s}.tickets WHERE shop_id = 'S1' AND ticket_id = 'T' || :t)) AS v(shop_id text, ticket_id text, status text, escalated boolean, sla_due timestamptz, state jsonb)
  WHERE t.shop_id = v.shop_id AND t.ticket_id = v.ticket_id;
WITH m AS (INSERT INTO ${s}.outbox (shop_id, order_id, stream_id, type, payload, event_seq, created_at)
           VALUES ('S1', '', 'ticket:T' || :t, 'ticket.message', '{"ticket":"T"}'::jsonb, NULL, now()) RETURNING shop_id, id, stream_id, created_at)
INSERT INTO ${s}.deliveries (shop_id, message_id, endpoint_shop, endpoint_id, stream_id, next_attempt_at)
  SELECT m.shop_id, m.id, w.shop_id, w.endpoint_id, m.stream_id, m.created_at FROM m JOIN ${s}.webhook_endpoints w ON w.shop_id IN (m.shop_id, '_platform') AND w.active;
INSERT INTO ${s}.notifications (shop_id, notification_id, recipient_role, recipient_id, kind, subject, order_id, data, created_at)
  VALUES ('S1', md5(random()::text), 'merchant', 'S1', 'ticket.message', 'ticket:T' || :t, NULL, '{"ticket":"T","text":"还没收到"}'::jsonb, now()) ON CONFLICT DO NOTHING;
COMMIT;
`,
  );
  try {
    const out = execFileSync('pgbench', ['-n', '-f', script, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(SECONDS), PG_URL], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const m = /tps = ([\d.]+)/.exec(out);
    return m ? Number(m[1]) : NaN;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`# ticket commands (reply, buyer and merchant in turn), ${SECONDS} s per point, ${TICKETS} tickets`);
const pg = await openPostgres(PG_URL, { max: 40 });
const engine = await prepare(pg);
console.log('| concurrency | engine cmd/s | p50 ms | p99 ms | pgbench tps (same statements) | ratio |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const c of LEVELS) {
  const r = await workload(engine, c);
  const base = pgbench(c);
  console.log(`| ${c} | ${fmt(r.perSec)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${fmt(base)} | ${(r.perSec / base).toFixed(2)}× |`);
}
await pg.exec(`DROP SCHEMA ${SCHEMA} CASCADE`);
await pg.close();
