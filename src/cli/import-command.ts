// `aftersale import orders FILE [--format csv|json] [--as SHOP|platform] [--schema NAME]`: places
// the orders of a CSV or JSON/NDJSON file one by one on the configured database. Prints
// `imported N orders, M failed` and one line per failure; exit 0 when all were placed, 1 when some
// failed, 2 for bad usage or a file that cannot be read at all.
import { extname } from 'node:path';
import { systemClock } from '../app/clock.ts';
import { createEngine } from '../app/engine.ts';
import { ImportFileError, importOrders, parseOrdersFile, type ImportRow } from '../app/import-orders.ts';
import { builtinPacks } from '../app/packs.ts';
import { simulatedProvider } from '../app/payments.ts';
import type { Actor } from '../domain/types.ts';
import { PLATFORM } from '../store/outbox.ts';
import { openConfigured } from './ops-commands.ts';
import { readInputFile } from './files.ts';
import type { Out } from './simulate-command.ts';

const USAGE = 'usage: aftersale import orders FILE [--format csv|json] [--as SHOP|platform] [--schema NAME]';
const VALUE_FLAGS = ['--format', '--as', '--schema'];
const FORMAT_OF_EXTENSION: Record<string, 'csv' | 'json'> = { '.csv': 'csv', '.json': 'json', '.ndjson': 'json', '.jsonl': 'json' };

/** Where the progress bar goes: stderr, only when it is a terminal. */
export interface ProgressSink {
  isTTY?: boolean;
  write(s: string): unknown;
}

function progressBar(sink: ProgressSink) {
  const width = 30;
  let last = '';
  let lastAt = 0;
  return (done: number, total: number) => {
    // The CLI times its own redraws (not the engine's clock).
    const now = performance.now();
    // At most ~20 redraws a second, and always the last one.
    if (done !== total && now - lastAt < 50) return;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const bar = `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`;
    if (bar === last) return;
    sink.write(bar);
    last = bar;
    lastAt = now;
    if (done === total) sink.write('\n');
  };
}

export async function importCommand(args: string[], out: Out, stderr: ProgressSink = process.stderr): Promise<number> {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_FLAGS.includes(a)) {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) {
        out.error(`${a} needs a value\n${USAGE}`);
        return 2;
      }
      flags[a] = v;
    } else if (a.startsWith('--')) {
      out.error(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else positional.push(a);
  }
  const [what, file, ...extra] = positional;
  if (what !== 'orders' || !file || extra.length) {
    out.error(USAGE);
    return 2;
  }
  const format = (flags['--format'] ?? FORMAT_OF_EXTENSION[extname(file).toLowerCase()]) as 'csv' | 'json' | undefined;
  if (format !== 'csv' && format !== 'json') {
    out.error(flags['--format'] ? `unknown format "${flags['--format']}": csv or json\n${USAGE}` : `${file}: cannot tell the format from the extension; use --format csv|json`);
    return 2;
  }
  const as = flags['--as'] ?? 'platform';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(as)) {
    out.error(`--as: not a shop id: "${as}"\n${USAGE}`);
    return 2;
  }
  const actor: Actor = as === 'platform' || as === PLATFORM ? { role: 'platform', id: 'platform' } : { role: 'merchant', id: as };

  const text = readInputFile(file, out);
  if (text === null) return 2;
  let rows: ImportRow[];
  try {
    rows = parseOrdersFile(text, format);
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    out.error(`${file}: ${e.message}`);
    return 2;
  }

  const db = await openConfigured(args);
  try {
    const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false });
    const result = await importOrders(engine, rows, actor, stderr.isTTY ? progressBar(stderr) : undefined);
    out.log(`imported ${result.placed} orders, ${result.failed.length} failed`);
    for (const f of result.failed) out.log(`row ${f.row}${f.order !== undefined ? ` (order ${f.order})` : ''}: ${f.code}: ${f.message}`);
    return result.failed.length ? 1 : 0;
  } finally {
    await db.close();
  }
}
