// `aftersale audit export [--after SEQ] [--out FILE]`: the audit trail (issue 19 item 5) as JSON
// lines, oldest first, with each entry's hash and its predecessor's; `aftersale audit verify`
// checks the chain (doctor does too). The operator reads it as the platform.
import { writeFileSync } from 'node:fs';
import { systemClock } from '../app/clock.ts';
import { flag, openConfigured } from '../app/configured-database.ts';
import { createEngine } from '../app/engine.ts';
import { builtinPacks } from '../app/packs.ts';
import { simulatedProvider } from '../app/payments.ts';
import { iso } from '../store/time.ts';
import type { Out } from './simulate-command.ts';

export async function auditCommand(args: string[], out: Out): Promise<number> {
  const sub = args[0];
  const after = Number(flag(args, '--after') ?? 0);
  if ((sub !== 'export' && sub !== 'verify') || !Number.isInteger(after) || after < 0) {
    out.error('usage: aftersale audit export [--after SEQ] [--out FILE] | aftersale audit verify');
    return 2;
  }
  const db = await openConfigured(args);
  try {
    const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false });
    if (sub === 'verify') {
      const problems = await engine.verifyAudit();
      for (const p of problems) out.log(`BREACH audit entry ${p.seq}: ${p.problem}`);
      out.log(problems.length ? `${problems.length} problem(s)` : 'audit chain intact');
      return problems.length ? 1 : 0;
    }
    const lines: string[] = [];
    for (let from = after; ; ) {
      const page = await engine.auditTrail({ kind: 'platform' }, from, 500);
      if ('ok' in page || page.length === 0) break;
      for (const r of page) lines.push(JSON.stringify({ seq: r.seq, at: iso(r.at), shop: r.shopId, principal: r.principal, key_id: r.keyId, address: r.address, action: r.action, target: r.target, details: r.details, prev_hash: r.prevHash, hash: r.hash }));
      from = page.at(-1)!.seq;
    }
    const file = flag(args, '--out');
    if (file) {
      writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
      out.log(`${lines.length} audit entries → ${file}`);
    } else for (const l of lines) out.log(l);
    return 0;
  } finally {
    await db.close();
  }
}
