// Policy values in words, and the override input read back into the JSON the API takes. The API
// describes each value as text (src/domain/policy.ts describeValue): a duration such as "48h",
// "none", or JSON ("7", "\"next_day\"", {"rate_pct":30,"min":500,"max":50000}).
import { money } from '../api.ts';
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
  if (FEN.has(name)) return money(n);
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
    const byCategory = Object.entries((value.by_category ?? {}) as Record<string, number>).map(([k, v]) => `${k}: ${money(v)}`);
    return [t('policy.deposit.default', { amount: money(value.default as number) }), ...byCategory].join(', ');
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
  if ('rate_pct' in value) return t('policy.compensation', { rate: String(value.rate_pct), min: money(value.min as number), max: money(value.max as number) });
  // "09:00" → "9:00": as opening hours are written on a shop's door.
  if ('open' in value) return t('policy.hours', { open: String(value.open).replace(/^0(\d)/, '$1'), close: String(value.close).replace(/^0(\d)/, '$1') });
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

const CJK = /[\u3400-\u9fff《]/;
/** A platform named just before a document's title: 淘宝《发货管理规范》. */
const PLATFORM_BEFORE = /(淘宝|天猫|京东|拼多多)\s*$/;

/** One cited passage as people cite it: 《Title》第N条 (— what it says, when short), or the platform's rule in its words. */
function citation(part: string): string {
  const law = /《([^》]+)》(第[一二三四五六七八九十百零\d]+条)?(?:\s*[:：]\s*(.+))?/.exec(part);
  if (law) {
    const platform = PLATFORM_BEFORE.exec(part.slice(0, law.index))?.[1] ?? '';
    const said = law[3] && CJK.test(law[3]) && law[3].length <= 30 ? ` — ${law[3].replace(/\s*—.*$/, '')}` : '';
    return `${platform}《${law[1]}》${law[2] ?? ''}${said}`;
  }
  return part;
}

/**
 * A pack parameter's source as an operator reads it (issue 16): the pack files note where a value
 * comes from for their maintainers too ("SPEC.md §9 table", "seed 004", "(same as cn-baseline)",
 * English reasoning); the console keeps the citations — a law's article (《消费者权益保护法》第五十五条),
 * a platform's rule in its own words (淘宝发货管理规范 默认 48 小时) — and says "same as" as a tag.
 * Without any, it says what kind of source it is: the platforms' rules table, or the product's choice.
 */
export function sourceInWords(source: string, t: T): { text: string; sameAs: string | null } {
  const same = /\s*\(same as ([\w-]+)\)/.exec(source);
  // Asides in English only (no CJK inside) are the maintainers'.
  const cleaned = source.replace(/\s*\((?:[^()\u3400-\u9fff]|\([^()\u3400-\u9fff]*\))*\)/g, '');
  const parts = cleaned
    .split(/;\s*|\s+\/\s+|\.\s+(?=[A-Z])|,\s+(?=seed\b)/)
    .map((x) => x.trim().replace(/^seed \d+\s*[:：]?\s*/, '').replace(/^SPEC(?:\.md)? §[\d.]+[^:：]*[:：]\s*(?=[\u3400-\u9fff《])/, ''))
    .filter((x) => x.length > 0 && (CJK.test(x[0]!) || x.startsWith('《')));
  const cited = [...new Set(parts.map(citation))];
  if (cited.length > 0) return { text: cited.join('；'), sameAs: same ? same[1]! : null };
  if (/^our choice|our reading|\bours\b/i.test(cleaned)) return { text: t('policy.source.ours'), sameAs: same ? same[1]! : null };
  if (/SPEC/.test(cleaned)) return { text: t('policy.source.table'), sameAs: same ? same[1]! : null };
  return { text: t('policy.source.default'), sameAs: same ? same[1]! : null };
}

/** How an override is entered (issue 16): a number and a unit, a day count, yes/no, yuan, a percentage, a number, or JSON text. */
export type OverrideKind = 'duration' | 'days' | 'bool' | 'yuan' | 'pct' | 'number' | 'text';
export const DURATION_UNITS = ['d', 'h', 'wd', 'wh'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** The kind of a parameter's override, from its name and the pack's value (as the API describes it). */
export function overrideKind(name: string, packValue: string | null): OverrideKind {
  if (packValue !== null && DURATION.test(packValue)) return 'duration';
  if (isDays(name)) return 'days';
  if (FEN.has(name)) return 'yuan';
  if (name.endsWith('_pct') || name === 'returnless_share') return 'pct';
  if (packValue === 'true' || packValue === 'false') return 'bool';
  if (packValue !== null && /^\d+(\.\d+)?$/.test(packValue)) return 'number';
  return 'text';
}

/** "72h" → 72 and hours; null for what is not a duration. */
export function splitDuration(raw: string | null): { n: number; unit: DurationUnit } | null {
  const d = raw === null ? null : DURATION.exec(raw);
  return d ? { n: Number(d[1]), unit: d[2] as DurationUnit } : null;
}

/** What the API is sent for an override entered as a number (and unit), a yes/no, or text. */
export function overrideValue(name: string, kind: OverrideKind, entered: { n?: number | null; unit?: DurationUnit; yes?: boolean; text?: string }): unknown {
  if (kind === 'duration') return `${entered.n ?? 0}${entered.unit ?? 'd'}`;
  if (kind === 'yuan') return Math.round((entered.n ?? 0) * 100);
  if (kind === 'days' || kind === 'pct' || kind === 'number') return entered.n ?? 0;
  if (kind === 'bool') return entered.yes ?? false;
  return parseOverrideInput(name, entered.text ?? '');
}
