// SPEC §6 double entry in the compensation ledger: the account credited (+) and the one debited
// (−), one row each, written in the transaction of the events that moved the money.
import type { Currency, Fen, Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso } from './time.ts';

export interface LedgerPair {
  shopId: string;
  /** The pair's id: rows `<id>:credit` and `<id>:debit`. */
  id: string;
  orderId: string;
  caseId: string | null;
  credit: string;
  debit: string;
  kind: string;
  amount: Fen;
  at: Instant;
  currency: Currency;
}

/**
 * Writes a credit and its debit. SPEC §13: an entry is in its shop's currency; one in another is
 * a bug, refused here rather than booked. (Read first: Citus takes no subquery in an INSERT.)
 */
export async function writeLedgerPair(tx: Sql, p: LedgerPair): Promise<void> {
  const shop = await tx.query<{ currency: string }>(`SELECT currency FROM shops WHERE shop_id = $1`, [p.shopId]);
  if (shop.rows[0]?.currency !== p.currency) throw new Error(`SPEC §13: ledger entry ${p.id} is in ${p.currency}, which is not shop ${p.shopId}'s currency`);
  await tx.query(
    `INSERT INTO ledger (shop_id, entry_id, order_id, case_id, account, kind, amount, at, currency)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$12), ($1,$9,$3,$4,$10,$6,$11,$8,$12)`,
    [p.shopId, `${p.id}:credit`, p.orderId, p.caseId, p.credit, p.kind, p.amount, iso(p.at), `${p.id}:debit`, p.debit, -p.amount, p.currency],
  );
}
