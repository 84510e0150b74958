// `npm run chaos -- --minutes 5 [--seed N] [--port 55432]` (issue 19 item 2): two API processes and
// two workers on a PostgreSQL of the run's own, under steady load (commands, uploads, bursts of due
// deadlines, webhook deliveries to a local receiver that fails 20 % of the time), while a
// controller SIGKILLs a random process every few seconds (and starts it again) and restarts
// PostgreSQL twice (once as a crash, once cleanly). Then everything drains and the end checks run:
// doctor clean, refunds paid exactly once, due deadlines fired exactly once, the outbox delivered
// in order, no acknowledged command lost. Exits 1 when a check fails. Figures: RELIABILITY.md.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueBuyerToken } from '../src/app/credentials.ts';
import { systemClock } from '../src/app/clock.ts';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { openPostgres } from '../src/store/db.ts';
import { PLATFORM } from '../src/store/outbox.ts';
import { endChecks, drained } from './chaos/checks.ts';
import { runCli } from './aftersale-process.ts';
import { Managed, startOwnPostgres, until } from './chaos/cluster.ts';
import { Load } from './chaos/load.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
};
const MINUTES = Number(arg('--minutes', '5'));
const PG_PORT = Number(arg('--port', '55432'));
let seed = Number(arg('--seed', String(Date.now() % 1_000_000)));
/** A small deterministic generator (mulberry32), so a seed replays the same kill schedule. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  const started = performance.now();
  // The compiled server, as in production (a stale checkout would run through tsx: slower restarts).
  // @ts-expect-error -- a plain ES module without types
  await (await import('../scripts/build.mjs')).build();
  const pg = startOwnPostgres(PG_PORT);
  log(`own PostgreSQL on port ${PG_PORT}`);
  // The receiver: fails one delivery in five; remembers the 2xx answers in the order given.
  const received: string[] = [];
  const seen = new Set<string>();
  let receiverCalls = 0;
  const receiver = createServer((req, res) => {
    receiverCalls++;
    req.resume();
    const id = String(req.headers['aftersale-event-id']);
    if (random() < 0.2) return void ((res.statusCode = 500), res.end());
    if (!seen.has(id)) {
      seen.add(id);
      received.push(id);
    }
    res.statusCode = 204;
    res.end();
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const tokenSecret = randomBytes(32).toString('hex');
  const env = {
    DATABASE_URL: pg.url, AFTERSALE_TOKEN_SECRET: tokenSecret, AFTERSALE_SECRET_KEY: randomBytes(32).toString('base64url'),
    AFTERSALE_WEBHOOK_ALLOW_HTTP: '1', AFTERSALE_WEBHOOK_ALLOW_PRIVATE: '1', AFTERSALE_REQUESTS_PER_MINUTE: '1000000',
    AFTERSALE_LEASE_MS: '3000', AFTERSALE_RELAY_BASE_DELAY_MS: '200', AFTERSALE_PROVIDER_FAILURE_RATE: '0.1',
  };
  const checks: { name: string; ok: boolean; detail: string }[] = [];
  const db = await openPostgres(pg.url);
  try {
    if ((await runCli(['migrate'], env)).code !== 0) throw new Error('migrate failed');
    const apiPorts = [PG_PORT + 1, PG_PORT + 2];
    const apis = apiPorts.map((port, i) => new Managed(`api${i + 1}`, ['serve', '--no-worker'], { ...env, PORT: String(port), AFTERSALE_DATA_DIR: `/tmp/aftersale-chaos-api${i + 1}` }));
    const workers = [1, 2].map((i) => new Managed(`worker${i}`, ['worker'], env));
    const all = [...apis, ...workers];
    all.forEach((p) => p.start());
    const healthy = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
    if (!(await until(async () => (await Promise.all(apiPorts.map(healthy))).every(Boolean), 120_000))) throw new Error(`API did not start:\n${apis[0]!.tail()}`);

    // Set-up: the shop and its keys through the engine (there is no operator CLI for keys; the
    // demo makes its own the same way), the webhook endpoint through the API.
    const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false });
    const made = await engine.upsertShop({ id: 'CHAOS', pack: 'taobao' });
    if (!made.ok) throw new Error('could not create the shop');
    const platformKey = await engine.createKey(PLATFORM, 'chaos platform');
    const shopKey = await engine.createKey('CHAOS', 'chaos shop');
    const reg = await fetch(`http://127.0.0.1:${apiPorts[0]}/v1/webhook-endpoints`, {
      method: 'POST', headers: { authorization: `Bearer ${platformKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ shop: 'CHAOS', id: 'erp', url: hook, secret: 'whsec_chaos_run_0123456789', max_attempts: 20 }),
    });
    if (reg.status !== 201) throw new Error(`webhook endpoint: ${reg.status} ${await reg.text()}`);

    const up = new Set(apiPorts);
    const load = new Load({
      apis: () => apiPorts.filter((p) => up.has(p)).map((p) => `http://127.0.0.1:${p}`),
      shopKey, shop: 'CHAOS', buyer: 'B1', now: () => Date.now(),
      buyerToken: issueBuyerToken(tokenSecret, 'B1', Date.now() + 2 * 86_400_000),
    });
    const running = load.run(8);
    const bursts = (async () => {
      while (!load.stopped) {
        await sleep(10_000);
        if (!load.stopped) await load.burst(30);
      }
    })();

    // The controller.
    const end = performance.now() + MINUTES * 60_000;
    const pgRestarts = [0.35, 0.7].map((f) => performance.now() + f * MINUTES * 60_000);
    let kills = 0;
    const recoveries: { what: string; ms: number }[] = [];
    const firstAckAfter = async (t0: number) => {
      await until(async () => load.stats.ackTimes.some((t) => t > t0), 120_000, 50);
      return (load.stats.ackTimes.find((t) => t > t0) ?? performance.now()) - t0;
    };
    while (performance.now() < end) {
      await sleep(3000 + random() * 3000);
      if (pgRestarts.length > 0 && performance.now() >= pgRestarts[0]!) {
        const mode = pgRestarts.length === 2 ? 'immediate' : 'fast';
        pgRestarts.shift();
        const t0 = performance.now();
        log(`PostgreSQL restart (${mode})`);
        pg.restart(mode);
        recoveries.push({ what: `PostgreSQL restart (${mode}) → next acknowledged command`, ms: await firstAckAfter(t0) });
        continue;
      }
      const victim = all[Math.floor(random() * all.length)]!;
      const t0 = performance.now();
      const port = apiPorts[apis.indexOf(victim)];
      if (port) up.delete(port);
      victim.kill();
      kills++;
      log(`SIGKILL ${victim.name}`);
      await sleep(500);
      victim.start();
      if (port) {
        await until(() => healthy(port), 60_000, 50);
        up.add(port);
        recoveries.push({ what: `${victim.name} killed → healthy again`, ms: performance.now() - t0 });
      }
    }
    load.stopped = true;
    await Promise.all([running, bursts]);
    log(`load stopped: ${load.stats.acknowledged} acknowledged; draining`);
    const didDrain = await until(() => drained(db), 180_000, 500);
    await Promise.all(all.map((p) => p.stop()));
    checks.push({ name: 'drained', ok: didDrain, detail: didDrain ? 'refunds, due deadlines and deliveries all done' : 'work left after 180 s' });
    const doctor = await runCli(['doctor'], env);
    checks.push({ name: 'doctor clean', ok: doctor.code === 0 && doctor.out.includes('all invariants hold'), detail: doctor.out.trim().split('\n').at(-1) ?? '' });
    if (doctor.code !== 0) console.log(doctor.out);
    for (const p of all) if (p.exits > 0) console.log(`--- ${p.name} exited ${p.exits} time(s) on its own; its last output:\n${p.tail()}`);
    checks.push(...(await endChecks(db, load.acks, received)));

    const unplanned = all.reduce((s, p) => s + p.exits, 0);
    const s = load.stats;
    console.log('\n## chaos run');
    console.log(`minutes ${MINUTES}, seed ${arg('--seed', '(random)')}, wall ${Math.round((performance.now() - started) / 1000)} s`);
    console.log(`commands sent ${s.sent} (retries ${s.retries}), acknowledged ${s.acknowledged}, refused ${JSON.stringify(s.refused)}, given up ${s.gaveUp}`);
    console.log(`SIGKILLs ${kills}, PostgreSQL restarts 2, processes that exited on their own (restarted) ${unplanned}`);
    console.log(`webhook calls ${receiverCalls}, messages received ${received.length}`);
    const worst = recoveries.reduce((a, b) => (b.ms > a.ms ? b : a), { what: '-', ms: 0 });
    console.log(`max recovery ${Math.round(worst.ms)} ms (${worst.what}); API restarts median ${median(recoveries.filter((r) => r.what.startsWith('api')).map((r) => r.ms))} ms`);
    for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  } finally {
    await db.close().catch(() => undefined);
    receiver.close();
    pg.stop();
  }
  return checks.length > 0 && checks.every((c) => c.ok) ? 0 : 1;
}

const median = (xs: number[]) => (xs.length === 0 ? '-' : Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!));

process.exitCode = await main().catch((e) => {
  console.error(e);
  return 1;
});
