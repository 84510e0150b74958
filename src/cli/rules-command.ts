// `aftersale rules backtest SHOP RULES.json [--days 30] [--json]`: what proposed automation rules
// (SPEC §10.2) would have done to the shop's cases of the last N days — replayed in memory through
// the decider, nothing written. `aftersale rules show SHOP`: the shop's rules now.
import { readFileSync } from 'node:fs';
import { flag, openConfigured } from '../app/configured-database.ts';
import { engineOn } from './ops-commands.ts';
import type { Out } from './simulate-command.ts';

const USAGE = 'usage: aftersale rules backtest SHOP RULES.json [--days N] [--json] [--schema NAME] | aftersale rules show SHOP';
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export async function rulesCommand(args: string[], out: Out): Promise<number> {
  const [sub, shopId, file] = args;
  if (!shopId || shopId.startsWith('--') || (sub === 'backtest' ? !file || file.startsWith('--') : sub !== 'show')) {
    out.error(USAGE);
    return 2;
  }
  let rules: unknown;
  if (sub === 'backtest') {
    try {
      const json = JSON.parse(readFileSync(file!, 'utf8')) as unknown;
      // A file holds the rule list, or a shop's settings with `rules`.
      rules = Array.isArray(json) ? json : (json as { rules?: unknown }).rules;
    } catch (e) {
      out.error(`${file}: ${(e as Error).message}`);
      return 2;
    }
  }
  const days = Number(flag(args, '--days') ?? 30);
  const db = await openConfigured(args);
  try {
    const engine = engineOn(db);
    const platform = { kind: 'platform' } as const;
    if (sub === 'show') {
      const s = await engine.automationSettings(platform, shopId);
      if ('ok' in s) return refused(out, s.message.en);
      out.log(JSON.stringify(s, null, 2));
      return 0;
    }
    const r = await engine.backtestRules(platform, shopId, rules, days);
    if ('ok' in r) {
      out.error(`${r.code}: ${r.message.en}`);
      return r.code === 'not_found' ? 1 : 2;
    }
    if (args.includes('--json')) {
      out.log(JSON.stringify(r, null, 2));
      return 0;
    }
    out.log(`backtest of ${r.rules.length} rule(s) on shop ${r.shop}, last ${r.days} days: ${r.cases} case(s)`);
    out.log(`automated: ${r.automated}, refunded at once ${yuan(r.refunded)}, of which without a return ${yuan(r.refunded_without_return)}`);
    for (const b of r.by_rule) out.log(`  ${b.rule} (${b.name}): ${b.cases} case(s), ${yuan(b.amount)}`);
    out.log(`merchant hours saved (first responses): ${r.merchant_hours_saved}`);
    const w = r.rejected_and_won;
    out.log(`rejected by the merchant and won, that a rule would have refunded: ${w.cases} case(s), ${yuan(w.amount)}${w.examples.length ? ` (${w.examples.join(', ')})` : ''}`);
    return 0;
  } finally {
    await db.close();
  }
}

function refused(out: Out, message: string): number {
  out.error(message);
  return 1;
}
