// The queue's filters as a query string, shared by GET /v1/cases and its exports (issue 16: an
// export is exactly the filtered list), and how they become the engine's CaseFilter.
import { z } from 'zod';
import { idParam } from './input.ts';
import type { CaseFilter } from '../app/lists.ts';
import { parseInstant } from '../domain/calendar.ts';
import { CASE_STATUSES, CASE_TYPES, PHASES, REASONS } from '../domain/types.ts';

const instant = z.string().refine((s) => parseInstant(s) !== null, 'an ISO-8601 instant with an offset');

/** The filters (no page): who, which statuses, type, reason, phase, deadline range, search, order. */
export const caseFilterQuery = {
  shop: idParam.optional(),
  buyer: idParam.optional(),
  // One status or several, comma-separated (the workbench's "open" = every status but completed/closed).
  status: z
    .string()
    .max(300)
    .refine((v) => v.split(',').every((x) => (CASE_STATUSES as readonly string[]).includes(x)), `case statuses separated by commas: ${CASE_STATUSES.join(', ')}`)
    .optional(),
  type: z.enum(CASE_TYPES).optional(),
  reason: z.enum(REASONS).optional(),
  phase: z.enum(PHASES).optional(),
  deadline_before: instant.optional(),
  deadline_after: instant.optional(),
  /** Part of a case id, order id, buyer, product title or SKU. */
  q: z.string().max(64).optional(),
  sort: z.enum(['applied', 'deadline']).default('applied'),
};

type FilterQuery = z.infer<z.ZodObject<typeof caseFilterQuery>>;

/** The query's filters as the engine takes them (tenancy is the engine's, whatever they say). */
export function caseFilterOf(f: FilterQuery): Omit<CaseFilter, 'limit' | 'cursor'> {
  return {
    shop: f.shop,
    buyer: f.buyer,
    statuses: f.status?.split(','),
    type: f.type,
    reason: f.reason,
    phase: f.phase,
    deadlineBefore: f.deadline_before === undefined ? undefined : parseInstant(f.deadline_before)!,
    deadlineAfter: f.deadline_after === undefined ? undefined : parseInstant(f.deadline_after)!,
    q: f.q,
    sort: f.sort,
  };
}
