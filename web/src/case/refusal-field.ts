// Which form field an API refusal is about, so its message can sit under that control: the API
// names the field (`details.field`, snake_case like the forms' names) or, for an amount above what
// may be refunded (SPEC §5 rule `refundable`), the amount.
import { ApiError } from '../api.ts';

export function refusalField(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  if (typeof e.details.field === 'string') return e.details.field;
  return e.details.rule === 'refundable' ? 'amount' : null;
}
