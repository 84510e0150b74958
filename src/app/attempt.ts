// Optimistic concurrency for the aggregates that are not orders (complaints, shops, tickets): a
// command runs in a transaction, and again when another one changed its aggregate meanwhile.
import { refuse, type Refusal } from '../domain/errors.ts';
import type { Database, Sql } from '../store/db.ts';
import { ConflictError } from '../store/event-store.ts';
import { isUniqueViolation } from '../store/unique-violation.ts';

const MAX_ATTEMPTS = 5;
const conflict = refuse('conflict', 'concurrent_change', '数据已被其他操作修改, 请刷新后重试', 'changed concurrently; reload and retry', {});

/** Runs `fn` in a transaction, again on a concurrent change; `conflict` after MAX_ATTEMPTS. */
export async function attemptTransaction<T>(db: Database, fn: (tx: Sql) => Promise<T | Refusal>): Promise<T | Refusal> {
  for (let i = 1; ; i++) {
    try {
      return await db.transaction(fn);
    } catch (e) {
      if (!(e instanceof ConflictError) && !isUniqueViolation(e)) throw e;
      if (i >= MAX_ATTEMPTS) return conflict;
    }
  }
}
