// What /metrics reports from the database: the same for every process of a deployment.
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso } from './time.ts';

export interface OpsGauges {
  due: number;
  late: number;
  backlog: number;
  dead: number;
  refunds: number;
}

/** Deadlines due and late (over a minute), deliveries pending and dead, refunds pending. */
export async function opsGauges(sql: Sql, now: Instant): Promise<OpsGauges> {
  const q = await sql.query<OpsGauges>(
    `SELECT (SELECT count(*) FROM deadlines WHERE status = 'pending' AND due_at <= $1)::int AS due,
            (SELECT count(*) FROM deadlines WHERE status = 'pending' AND due_at <= $1::timestamptz - interval '1 minute')::int AS late,
            (SELECT count(*) FROM deliveries WHERE status = 'pending')::int AS backlog,
            (SELECT count(*) FROM deliveries WHERE status = 'dead')::int AS dead,
            (SELECT count(*) FROM refunds WHERE status = 'pending')::int AS refunds`,
    [iso(now)],
  );
  return q.rows[0]!;
}

/** Readiness: the database answers. */
export async function ping(sql: Sql): Promise<void> {
  await sql.query('SELECT 1');
}
