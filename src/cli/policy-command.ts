// `aftersale policy show PACK [--at INSTANT]` and `aftersale policy check`.
import { systemClock } from '../app/clock.ts';
import { builtinPacks } from '../app/packs.ts';
import { formatInstant, parseInstant } from '../domain/calendar.ts';
import { describeValue, generosity, PARAM_NAMES, versionAt } from '../domain/policy.ts';
import type { Out } from './simulate-command.ts';

export function policyCommand(args: string[], out: Out): number {
  const packs = builtinPacks();
  const [sub, id] = args;
  if (sub === 'show') {
    const pack = id ? packs.get(id) : undefined;
    if (!pack) {
      out.error(`unknown pack "${id ?? ''}" (known: ${packs.list().map((p) => p.id).join(', ')})`);
      return 2;
    }
    const atArg = args[args.indexOf('--at') + 1];
    const at = args.includes('--at') ? parseInstant(atArg ?? '') : systemClock.now();
    if (at === null) {
      out.error(`--at needs an ISO-8601 instant with an offset, got "${atArg ?? ''}"`);
      return 2;
    }
    const v = versionAt(pack, at);
    out.log(`${pack.id} — ${pack.name.zh} / ${pack.name.en}`);
    out.log(`version ${v.version}, in force from ${formatInstant(v.effectiveFrom, pack.timeZone)}${v.note ? ` (${v.note})` : ''}`);
    out.log(`time zone ${pack.timeZone}, holiday calendar ${pack.calendar.id} (${pack.calendar.years.join(', ')})`);
    out.log(`versions: ${pack.versions.map((x) => `${x.version} from ${formatInstant(x.effectiveFrom, pack.timeZone)}`).join('; ')}`);
    out.log('');
    const width = Math.max(...PARAM_NAMES.map((n) => n.length));
    for (const name of PARAM_NAMES) {
      out.log(`${name.padEnd(width)}  ${describeValue(v.params[name]).padEnd(40)}  ${v.sources[name] ?? ''}`);
    }
    return 0;
  }
  if (sub === 'check') {
    const base = packs.get('cn-baseline');
    if (!base) {
      out.error('the cn-baseline pack is missing');
      return 2;
    }
    let findings = 0;
    for (const pack of packs.list()) {
      if (pack.id === base.id) continue;
      for (const v of pack.versions) {
        const ref = versionAt(base, v.effectiveFrom).params;
        for (const name of PARAM_NAMES) {
          const g = generosity(name, v.params[name], ref[name], { value: v.params.warranty_days, reference: ref.warranty_days });
          if (g !== null && g < 0) {
            findings++;
            out.log(`${pack.id}@${v.version}  ${name} = ${describeValue(v.params[name])}  (cn-baseline: ${describeValue(ref[name])})  less generous to the buyer`);
          }
        }
      }
    }
    out.log(`${findings} parameter(s) less generous than cn-baseline`);
    return 0;
  }
  out.error('usage: aftersale policy show PACK [--at INSTANT] | aftersale policy check');
  return 2;
}
