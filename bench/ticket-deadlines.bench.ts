// npm run bench:ticket-deadlines — issue 13: PENDING open tickets with SLA deadlines, of which DUE
// missed their first response at one instant: time for runner processes to record every breach,
// and its lateness, against the targets of bench:deadlines (all fired < 60 s, exactly once).
// PostgreSQL at DATABASE_URL; BENCH_DUE / BENCH_PENDING scale it (defaults 100,000 / 1,000,000).
import { systemClock } from '../src/app/clock.ts';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { DAY } from '../test/domain-kit.ts';
import { openPostgres, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { runWorkers } from './worker-processes.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DUE = Number(process.env.BENCH_DUE ?? 100_000);
const PENDING = Number(process.env.BENCH_PENDING ?? 1_000_000);
const SCHEMA = 'bench_ticket_deadlines';

/**
 * One ticket the engine opened 4 days ago (its 72 h first response missed a day ago), copied DUE
 * times with its projection and its due first-response deadline; PENDING − DUE more open tickets
 * whose SLAs fall due next year.
 */
async function prepare(db: Database): Promise<void> {
  await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await db.useSchema(SCHEMA);
  await migrate(db);
  const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false });
  await engine.upsertShop({ id: 'S1', pack: 'tmall' });
  const r = await engine.ticketCommand({ kind: 'open_ticket', ticketKind: 'logistics', message: '包裹三天没动了', ticketId: 'TPL', actor: { role: 'buyer', id: 'B1' } }, { shopId: 'S1' }, { at: Date.now() - 4 * DAY });
  if (!r.ok) throw new Error(r.code);
  const t = performance.now();
  await db.exec(`
    INSERT INTO tickets (shop_id, ticket_id, order_id, case_id, buyer_id, kind, status, escalated, sla_due, opened_at, updated_at, version, last_hash, state)
      SELECT shop_id, 'K' || g, order_id, case_id, buyer_id, kind, status, escalated, sla_due, opened_at, updated_at, version, last_hash, jsonb_set(state, '{id}', to_jsonb('K' || g))
      FROM tickets, generate_series(1, ${DUE}) g WHERE ticket_id = 'TPL';
    INSERT INTO deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, remind_at, reminded_at, aggregate)
      SELECT shop_id, '', 'ticket:K' || g || ':' || kind, kind, due_at, policy_version, status, created_at, remind_at, now(), 'ticket'
      FROM deadlines, generate_series(1, ${DUE}) g WHERE subject LIKE 'ticket:TPL:%' AND status = 'pending' AND due_at <= now();
    INSERT INTO deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, aggregate)
      SELECT 'S' || (g % 50), '', 'ticket:F' || g || ':ticket_resolution', 'ticket_resolution', now() + interval '365 days' + g * interval '1 second', '2025.1', 'pending', now(), 'ticket'
      FROM generate_series(1, ${PENDING - DUE}) g;
    DELETE FROM deadlines WHERE subject LIKE 'ticket:TPL:%';
    ANALYZE;
  `);
  console.log(`prepared ${DUE.toLocaleString('en-US')} due first responses + ${(PENDING - DUE).toLocaleString('en-US')} later SLA deadlines in ${Math.round(performance.now() - t)} ms`);
}

const runners = (n: number) => runWorkers(n, PG_URL, SCHEMA);

const db = await openPostgres(PG_URL);
for (const n of [1, 2]) {
  await prepare(db);
  const ms = await runners(n);
  const r = await db.query<{ fired: number; p50: number; p99: number; max: number; left: number; first: number }>(
    `SELECT count(*) FILTER (WHERE status = 'fired')::int AS fired,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at)) FILTER (WHERE status = 'fired') AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at)) FILTER (WHERE status = 'fired') AS p99,
            max(extract(epoch FROM fired_at)) FILTER (WHERE status = 'fired') AS max,
            min(extract(epoch FROM fired_at)) FILTER (WHERE status = 'fired') AS first,
            count(*) FILTER (WHERE status = 'pending' AND due_at <= now())::int AS left
     FROM ${SCHEMA}.deadlines`,
  );
  const x = r.rows[0]!;
  const breaches = (await db.query<{ n: number; tickets: number }>(`SELECT count(*)::int AS n, count(DISTINCT stream_id)::int AS tickets FROM ${SCHEMA}.governance_events WHERE type = 'TicketSlaBreached'`)).rows[0]!;
  console.log(
    `${n} runner process(es): fired ${x.fired.toLocaleString('en-US')} (breach events ${breaches.n.toLocaleString('en-US')} on ${breaches.tickets.toLocaleString('en-US')} tickets, left ${x.left}) in ${(ms / 1000).toFixed(1)} s ` +
      `= ${Math.round(x.fired / (ms / 1000)).toLocaleString('en-US')}/s; after the first firing p50 ${(x.p50 - x.first).toFixed(1)} s, p99 ${(x.p99 - x.first).toFixed(1)} s, max ${(x.max - x.first).toFixed(1)} s`,
  );
}
await db.exec(`DROP SCHEMA ${SCHEMA} CASCADE`);
await db.close();
