// Policy values in words, and the override input read back into the JSON the API takes. The API
// describes each value as text (src/domain/policy.ts describeValue): a duration such as "48h",
// "none", or JSON ("7", "\"next_day\"", {"rate_pct":30,"min":500,"max":50000}).
import { yuan } from '../api.ts';
import type { T } from '../i18n/index.tsx';

/** Parameters counted in fen (SPEC §5: money is integer fen). */
const FEN = new Set(['counterfeit_min', 'return_shipping_cap', 'instant_refund_max']);
const DURATION = /^(\d+(?:\.\d+)?)(h|d|wd|wh)$/;

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

const isDays = (name: string) => name.endsWith('_days') && name !== 'category_warranty_days';

function numberInWords(name: string, n: number, t: T): string {
  if (FEN.has(name)) return yuan(n);
  if (isDays(name)) return t('policy.days', { n });
  if (name.endsWith('_pct') || name === 'returnless_share') return t('policy.pct', { n });
  if (name === 'counterfeit_multiplier') return t('policy.times', { n });
  if (name === 'max_applications_per_line') return t('policy.count', { n });
  return String(n);
}

/** SPEC §8.2 sanction thresholds: [{points, sanction: restriction|closure, days}] in words. */
function thresholdsInWords(value: unknown[], t: T): string {
  return value
    .map((v) => v as { points: number; sanction: string; days?: number })
    .map((v) => t(v.sanction === 'closure' ? 'policy.threshold.closure' : 'policy.threshold.restriction', { points: String(v.points), days: String(v.days ?? '') }))
    .join('; ');
}

function objectInWords(name: string, value: Record<string, unknown>, t: T): string {
  // SPEC §8.3: the deposit by category, in fen.
  if (name === 'deposit_required' && 'default' in value) {
    const byCategory = Object.entries((value.by_category ?? {}) as Record<string, number>).map(([k, v]) => `${k}: ${yuan(v)}`);
    return [t('policy.deposit.default', { amount: yuan(value.default as number) }), ...byCategory].join(', ');
  }
  // SPEC §10.3: the resale value lost, % by category.
  if (name === 'resale_loss_pct' && 'default' in value) {
    const byCategory = Object.entries((value.by_category ?? {}) as Record<string, number>).map(([k, v]) => `${k}: ${t('policy.pct', { n: String(v) })}`);
    return [t('policy.deposit.default', { amount: t('policy.pct', { n: String(value.default) }) }), ...byCategory].join(', ');
  }
  // SPEC §8.1: points per complaint kind and sub-kind.
  if (name === 'complaint_points') {
    return Object.values(value)
      .flatMap((subs) => Object.entries(subs as Record<string, number>).map(([k, n]) => `${t(`complaint.subKind.${k}`)} ${t('policy.points', { n: String(n) })}`))
      .join(', ');
  }
  // SPEC §10.1: the first answer's time per ticket kind, each a duration.
  if (name === 'ticket_first_response') {
    return Object.entries(value)
      .map(([k, v]) => {
        const d = DURATION.exec(String(v));
        return `${t(`ticket.kind.${k}`)} ${d ? t(`policy.unit.${d[2]}`, { n: d[1]! }) : String(v)}`;
      })
      .join(', ');
  }
  if ('rate_pct' in value) return t('policy.compensation', { rate: String(value.rate_pct), min: yuan(value.min as number), max: yuan(value.max as number) });
  if ('open' in value) return t('policy.hours', { open: String(value.open), close: String(value.close) });
  const entries = Object.entries(value);
  if (entries.length === 0) return t('policy.none');
  return entries.map(([k, v]) => `${k}: ${t('policy.days', { n: String(v) })}`).join(', ');
}

/** "48h" → "48 小时", "50000" (fen) → "¥500.00", "\"next_day\"" → "签收次日 0 点起算", … */
export function valueInWords(name: string, raw: string | null, t: T): string {
  if (raw === null || raw === 'none' || raw === 'null') return t('policy.none');
  const d = DURATION.exec(raw);
  if (d) return t(`policy.unit.${d[2]}`, { n: d[1]! });
  const parsed = parseJson(raw);
  if (!parsed.ok) return raw;
  const v = parsed.value;
  if (typeof v === 'number') return numberInWords(name, v, t);
  if (typeof v === 'boolean') return t(v ? 'policy.true' : 'policy.false');
  if (typeof v === 'string') return name === 'no_reason_start' ? t(`policy.start.${v}`) : v;
  if (Array.isArray(v) && name === 'sanction_thresholds') return thresholdsInWords(v, t);
  if (v && typeof v === 'object') return objectInWords(name, v as Record<string, unknown>, t);
  return raw;
}

/**
 * The override as typed → the value sent: JSON when it parses (7, true, {"rate_pct":40,…}),
 * otherwise the text (a duration such as 10d). A day count typed as a duration ("10d" for
 * no_reason_days) is read as the number of days, since that is plainly what was meant.
 */
export function parseOverrideInput(name: string, input: string): unknown {
  const text = input.trim();
  const days = /^(\d+)d$/.exec(text);
  if (days && isDays(name)) return Number(days[1]);
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : text;
}

/**
 * A pack parameter's source as an operator reads it: the pack files note where a value comes from
 * for their maintainers too ("(seed 004)", "(same as cn-baseline)", "SPEC.md §9 table"); the
 * console keeps the reference, drops the bookkeeping, and says "same as" as a tag.
 */
export function sourceInWords(source: string, t: T): { text: string; sameAs: string | null } {
  const same = /\s*\(same as ([\w-]+)\)/.exec(source);
  const text = source
    .replace(/\s*\(same as [\w-]+\)/g, '')
    .replace(/\s*\(seed \d+\)/g, '')
    .replace(/SPEC\.md §9 table/g, t('policy.source.table'))
    .replace(/;\s*SPEC §9$/, '')
    .trim();
  return { text, sameAs: same ? same[1]! : null };
}
