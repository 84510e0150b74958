// `aftersale metrics SHOP [--at INSTANT] [--window DAYS]`: a shop's SPEC §8.4 numbers beside its
// category's averages; `aftersale metrics rebuild [--shop S]`: the facts and rollups recomputed
// from the event history, with a progress bar.
import { formatInstant, parseInstant } from '../domain/calendar.ts';
import { METRIC_NAMES } from '../domain/metrics/compute.ts';
import { flag, openConfigured } from '../app/configured-database.ts';
import { engineOn } from './ops-commands.ts';
import type { Out } from './simulate-command.ts';

const USAGE = 'usage: aftersale metrics SHOP [--at INSTANT] [--window DAYS] | aftersale metrics rebuild [--shop SHOP]';

/** A text progress bar, redrawn in place on a terminal, one line per 10 % otherwise. */
function progressBar(out: Out, tty: boolean) {
  let lastTenth = -1;
  return (done: number, total: number, label: string) => {
    const width = 30;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
    if (tty) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (Math.floor((done / Math.max(1, total)) * 10) !== lastTenth || done === total) {
      lastTenth = Math.floor((done / Math.max(1, total)) * 10);
      out.error(line);
    }
  };
}

export async function metricsCommand(args: string[], out: Out): Promise<number> {
  const [first] = args;
  if (!first || first.startsWith('--')) {
    out.error(USAGE);
    return 2;
  }
  const atText = flag(args, '--at');
  const at = atText === undefined ? undefined : parseInstant(atText);
  if (at === null) {
    out.error(`validation: --at "${atText}" is not an ISO-8601 instant with an offset`);
    return 2;
  }
  const windowText = flag(args, '--window');
  const windowDays = windowText === undefined ? undefined : Number(windowText);
  const db = await openConfigured(args);
  try {
    const engine = engineOn(db);
    if (first === 'rebuild') {
      const bar = progressBar(out, Boolean(process.stderr.isTTY));
      const started = performance.now();
      const shop = flag(args, '--shop');
      const r = await engine.rebuildMetrics({ ...(shop ? { shop } : {}), onProgress: (p) => bar(p.done, p.total, p.shop) });
      if (shop && r.shops === 0) {
        out.error(`not_found: no shop ${shop}`);
        return 1;
      }
      out.log(`rebuilt ${r.shops} shop(s): ${r.facts} facts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    }
    const m = await engine.shopMetrics({ kind: 'platform' }, first, { ...(at !== undefined ? { at } : {}), ...(windowDays !== undefined ? { windowDays } : {}) });
    if ('ok' in m) {
      out.error(`${m.code}: ${m.message.en}`);
      return m.code === 'validation' ? 2 : 1;
    }
    const tz = 'Asia/Shanghai';
    out.log(`shop ${m.shop} (${m.pack}, category ${m.category}): ${m.windowDays} d window [${formatInstant(m.from, tz)}, ${formatInstant(m.at, tz)})`);
    out.log(`orders paid: ${m.paid}${m.counted ? '' : ` (fewer than ${m.minOrders}: not counted in the category average)`}; ${m.categoryShops} shop(s) counted in the category`);
    const show = (v: number | null) => (v === null ? '—' : String(v));
    const width = Math.max(...METRIC_NAMES.map((n) => n.length));
    out.log(`${'metric'.padEnd(width)}  ${'shop'.padStart(10)}  ${'category'.padStart(10)}  rank`);
    for (const n of METRIC_NAMES) out.log(`${n.padEnd(width)}  ${show(m.metrics[n]).padStart(10)}  ${show(m.categoryAverage[n]).padStart(10)}  ${show(m.rank[n])}`);
    return 0;
  } finally {
    await db.close();
  }
}
