// Keyset cursors of the queues ordered by a running deadline (complaints, tickets): the last row's
// (deadline due or 'infinity', start instant, id), base64url JSON. A cursor that is not one of
// ours is a `validation` refusal, never a query.
import { parseInstant } from '../domain/calendar.ts';
import { refuse, type Refusal } from '../domain/errors.ts';

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const badCursor = refuse('validation', 'cursor', '分页游标无效', 'invalid cursor', { field: 'cursor' });

export function encodeDueCursor(due: string, start: string, id: string): string {
  return Buffer.from(JSON.stringify([due, start, id])).toString('base64url');
}

export function decodeDueCursor(cursor: string): { due: string; start: string; id: string } | Refusal {
  let c: unknown = null;
  try {
    c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return badCursor;
  }
  if (!Array.isArray(c) || c.length !== 3 || !c.every((x) => typeof x === 'string')) return badCursor;
  const [due, start, id] = c as string[];
  if ((due !== 'infinity' && parseInstant(due!) === null) || parseInstant(start!) === null || !ID.test(id!)) return badCursor;
  return { due: due!, start: start!, id: id! };
}
