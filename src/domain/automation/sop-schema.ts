// SPEC §10.3: a shop's SOP tiers — goodwill partial refunds that keep the goods, by reason, e.g.
// `{ "reasons": ["quality_issue"], "max_pct": 10 }`. Never more than half the price (seed 004:
// "赔偿金额不能超过瓶子价格的一半"), so a tier above 50 % is refused.
import { z } from 'zod';
import { refuse, type Refusal } from '../errors.ts';
import { REASONS, type Reason } from '../types.ts';

export interface SopTier {
  reasons: Reason[];
  max_pct: number;
}

export const SOP_MAX_PCT = 50;

export const sopTiersSchema = z
  .array(
    z
      .object({
        reasons: z.array(z.enum(REASONS)).min(1),
        max_pct: z.number().int().min(1).max(SOP_MAX_PCT, `at most ${SOP_MAX_PCT} %: never more than half the price (seed 004)`),
      })
      .strict(),
  )
  .max(20);

export function parseSopTiers(json: unknown): SopTier[] | Refusal {
  const r = sopTiersSchema.safeParse(json);
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  const path = ['sop_tiers', ...i.path].join('.');
  return refuse('validation', 'sop_tiers', `售后SOP档位有误: ${path}: ${i.message}`, `invalid SOP tier: ${path}: ${i.message}`, { field: path });
}
