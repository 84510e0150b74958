// Operations commands: migrate, worker, doctor, history, events tail, webhooks add. They work on
// PostgreSQL when DATABASE_URL is set, else on the embedded database in AFTERSALE_DATA_DIR
// (default ./data); `--schema NAME` (or AFTERSALE_SCHEMA) picks a schema.
import { writeFileSync } from 'node:fs';
import { systemClock } from '../app/clock.ts';
import { createEngine } from '../app/engine.ts';
import { builtinPacks } from '../app/packs.ts';
import { simulatedProvider } from '../app/payments.ts';
import { runWorker } from '../app/worker.ts';
import { configuredWebhooks } from '../app/configured-webhooks.ts';
import { governanceView } from '../app/governance/views.ts';
import { dataDirOf, flag, openConfigured } from '../app/configured-database.ts';
import { openDatabase, type Database } from '../store/db.ts';
import { migrate } from '../store/migrations.ts';
import { iso } from '../store/time.ts';
import type { Out } from './simulate-command.ts';

export { openConfigured };

export function engineOn(db: Database, args: string[] = [], generateKey = false) {
  return createEngine({
    webhooks: configuredWebhooks(args, process.env, { generateKey }),
    db,
    packs: builtinPacks(),
    clock: systemClock,
    payments: simulatedProvider(db, {
      delayMs: Number(process.env.AFTERSALE_PROVIDER_DELAY_MS ?? 0),
      failureRate: Number(process.env.AFTERSALE_PROVIDER_FAILURE_RATE ?? 0),
    }),
    inlineRefunds: false,
  });
}

export async function migrateCommand(args: string[], out: Out): Promise<number> {
  const db = await openDatabase(process.env, dataDirOf());
  try {
    const schema = flag(args, '--schema') ?? process.env.AFTERSALE_SCHEMA;
    if (schema) await db.useSchema(schema);
    const applied = await migrate(db);
    out.log(applied.length ? `applied migrations ${applied.join(', ')}` : 'database is up to date');
    return 0;
  } finally {
    await db.close();
  }
}

export async function workerCommand(args: string[], out: Out): Promise<number> {
  const db = await openConfigured(args);
  const stop = new AbortController();
  // Graceful shutdown: finish the item in hand, then stop.
  const onSignal = () => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    const totals = { deadlines: 0, reminders: 0, refunds: 0, deliveries: 0 };
    await runWorker(engineOn(db, args), {
      untilIdle: args.includes('--until-idle'),
      relay: !args.includes('--no-relay'),
      deadlines: !args.includes('--no-deadlines'),
      refunds: !args.includes('--no-refunds'),
      signal: stop.signal,
      ...(process.env.AFTERSALE_LEASE_MS ? { leaseMs: Number(process.env.AFTERSALE_LEASE_MS) } : {}),
      ...(process.env.AFTERSALE_RUNNER_BATCH ? { batch: Number(process.env.AFTERSALE_RUNNER_BATCH) } : {}),
      ...(process.env.AFTERSALE_RUNNER_CHUNK ? { chunk: Number(process.env.AFTERSALE_RUNNER_CHUNK) } : {}),
      relayOptions: process.env.AFTERSALE_RELAY_BASE_DELAY_MS ? { baseDelayMs: Number(process.env.AFTERSALE_RELAY_BASE_DELAY_MS) } : {},
      onPass: (d) => {
        for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += d[k];
      },
    });
    out.log(JSON.stringify({ worker: 'stopped', ...totals }));
    return 0;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await db.close();
  }
}

export async function doctorCommand(args: string[], out: Out): Promise<number> {
  const db = await openConfigured(args);
  try {
    const engine = engineOn(db);
    const findings = await engine.audit();
    // SPEC §8.4: the metric rollups equal a recount from the events (a sample of shops; all with --full).
    const m = await engine.auditMetrics({ full: args.includes('--full') });
    for (const x of m.mismatches) findings.push({ check: 'metrics_rollups', breach: true, detail: `${x.shop} ${x.what}: stored ${x.stored}, recount ${x.recount}` });
    for (const f of findings) out.log(`${f.breach ? 'BREACH' : 'note  '} ${f.check}: ${f.detail}`);
    const breaches = findings.filter((f) => f.breach).length;
    out.log(breaches ? `${breaches} breach(es)` : 'all invariants hold');
    return breaches ? 1 : 0;
  } finally {
    await db.close();
  }
}

export async function historyCommand(args: string[], out: Out): Promise<number> {
  const [sub, caseId] = args;
  if (sub !== 'export' && sub !== 'verify') {
    out.error('usage: aftersale history export CASE [--out FILE] | aftersale history verify [CASE]');
    return 2;
  }
  if (sub === 'export' && (!caseId || caseId.startsWith('--'))) {
    out.error('usage: aftersale history export CASE [--out FILE]');
    return 2;
  }
  const db = await openConfigured(args);
  const engine = engineOn(db);
  try {
    if (sub === 'verify' && (!caseId || caseId.startsWith('--'))) {
      const breaks = await engine.verifyHistories();
      for (const b of breaks) out.log(`BROKEN ${b.stream} at version ${b.version}: ${b.problem}`);
      out.log(breaks.length ? `${breaks.length} problem(s)` : 'every history is intact');
      return breaks.length ? 1 : 0;
    }
    const { events, breaks } = await engine.caseHistoryChecked(caseId!);
    if (events.length === 0) {
      out.error(`not_found: no case ${caseId}`);
      return 2;
    }
    if (sub === 'verify') {
      for (const b of breaks) out.log(`BROKEN case:${caseId} at version ${b.version}: ${b.problem}`);
      out.log(breaks.length ? `${breaks.length} problem(s)` : `case ${caseId}: ${events.length} events, hash chain intact`);
      return breaks.length ? 1 : 0;
    }
    const doc = {
      case: caseId,
      exported_at: iso(engine.now()),
      hash_algorithm: 'sha256(prev_hash + "\\n" + canonical_json({s: stream, v: version, t: type, d: event, o: occurred_at}))',
      intact: breaks.length === 0,
      events: events.map((e) => ({
        version: e.stream_version,
        type: e.type,
        occurred_at: iso(new Date(e.occurred_at).getTime()),
        recorded_at: iso(new Date(e.recorded_at).getTime()),
        actor: e.actor,
        event: e.data,
        prev_hash: e.prev_hash,
        hash: e.hash,
      })),
    };
    const text = JSON.stringify(doc, null, 2);
    const file = flag(args, '--out');
    if (file) {
      writeFileSync(file, text);
      out.log(`wrote ${events.length} events of case ${caseId} to ${file}`);
    } else out.log(text);
    return breaks.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

export async function eventsCommand(args: string[], out: Out): Promise<number> {
  if (args[0] !== 'tail') {
    out.error('usage: aftersale events tail [--shop S] [--after ID] [--follow]');
    return 2;
  }
  const db = await openConfigured(args);
  const engine = engineOn(db);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  try {
    let after = Number(flag(args, '--after') ?? 0);
    const shop = flag(args, '--shop');
    while (!stop.signal.aborted) {
      const rows = await engine.eventsFeed(after, 500, shop);
      for (const r of rows) out.log(`${r.id}\t${iso(r.createdAt)}\t${r.shopId}\t${r.streamId}\t${r.type}`);
      if (rows.length) after = rows.at(-1)!.id;
      else if (!args.includes('--follow')) break;
      else await new Promise((r) => setTimeout(r, 500));
    }
    return 0;
  } finally {
    await db.close();
  }
}

export async function webhooksCommand(args: string[], out: Out): Promise<number> {
  const shop = flag(args, '--shop');
  const url = flag(args, '--url');
  const secret = flag(args, '--secret');
  if (args[0] !== 'add' || !shop || !url || !secret || !/^https?:\/\//.test(url)) {
    out.error('usage: aftersale webhooks add --shop SHOP|_platform --url http(s)://… --secret SECRET [--id ID] [--max-attempts N]');
    return 2;
  }
  const db = await openConfigured(args);
  try {
    const endpointId = flag(args, '--id') ?? 'default';
    const refused = await engineOn(db, args, true).addWebhookEndpoint({ shopId: shop, endpointId, url, secret, maxAttempts: Number(flag(args, '--max-attempts') ?? 8) });
    if (refused) {
      out.error(refused.message.en);
      return 1;
    }
    out.log(`endpoint ${shop}/${endpointId} → ${url}`);
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * `aftersale shops show SHOP`: the shop's points this year against the thresholds, its sanctions,
 * its deposit (balance, required, shortfall) and its complaints by status (SPEC §8.1–§8.3).
 */
export async function shopsCommand(args: string[], out: Out): Promise<number> {
  const [sub, shopId] = args;
  if (sub !== 'show' || !shopId || shopId.startsWith('--')) {
    out.error('usage: aftersale shops show SHOP [--schema NAME]');
    return 2;
  }
  const db = await openConfigured(args);
  try {
    const engine = engineOn(db);
    const g = await engine.shopGovernance(shopId);
    if (!g) {
      out.error(`no shop ${shopId}`);
      return 1;
    }
    const v = governanceView(g, g.policy.calendar.timeZone);
    const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
    out.log(`shop ${v.shop} (${g.policy.pack} ${g.policy.version}) — ${v.status}${v.restricted_until ? ` until ${v.restricted_until}` : ''}`);
    const next = v.thresholds.find((t) => t.points > v.points);
    out.log(`points ${v.year}: ${v.points}${next ? ` (next threshold ${next.points} → ${next.sanction}${next.days ? ` ${next.days} d` : ''})` : ''}`);
    out.log(`thresholds: ${v.thresholds.map((t) => `${t.points} → ${t.sanction}${t.days ? ` ${t.days} d` : ''}`).join(', ')}`);
    out.log(`sanctions: ${v.sanctions.length ? '' : 'none'}`);
    for (const s of v.sanctions) {
      out.log(`  ${s.kind}${s.threshold !== null ? ` at ${s.threshold} points` : ''}: from ${s.from}${s.until ? ` until ${s.until}` : ''}${s.ended_at ? `, ended ${s.ended_at}` : ''}`);
    }
    const d = v.deposit;
    out.log(`deposit: balance ${yuan(d.balance)}, required ${yuan(d.required)}, shortfall ${yuan(d.shortfall)}${d.topup_due_at ? `, top up by ${d.topup_due_at}` : ''}`);
    const counts = Object.entries(g.complaints).sort(([a], [b]) => (a < b ? -1 : 1));
    out.log(`complaints: ${counts.length ? counts.map(([k, n]) => `${k} ${n}`).join(', ') : 'none'}`);
    return 0;
  } finally {
    await db.close();
  }
}
