// The audit trail (issue 19 item 5): platform and admin actions, one hash chain for the deployment.
// A row's hash is SHA-256 over the previous row's hash and the row's own fields (as stored text,
// so a reading reproduces it exactly): an edited, removed or reordered row breaks the chain from
// there on, and `verifyAuditChain` (run by doctor) says where.
import { createHash } from 'node:crypto';
import type { Instant } from '../domain/types.ts';
import type { Database, Sql } from './db.ts';
import { iso, toMs } from './time.ts';

export interface AuditInput {
  shopId: string;
  at: Instant;
  /** `platform`, `shop:<id>` or `buyer:<id>`. */
  principal: string;
  keyId: string | null;
  address: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

export interface AuditRecord extends AuditInput {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Any fixed number: appenders take this advisory lock, so the chain has one tip. */
const AUDIT_LOCK = 72_011_919;
const GENESIS = '0'.repeat(64);

function hashOf(prevHash: string, seq: number, atIso: string, r: Omit<AuditInput, 'at' | 'details'>, details: string): string {
  const fields = [prevHash, String(seq), atIso, r.shopId, r.principal, r.keyId ?? '', r.address, r.action, r.target, details];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export async function appendAudit(db: Database, r: AuditInput): Promise<AuditRecord> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const tip = (await tx.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0];
    const seq = tip ? Number(tip.seq) + 1 : 1;
    const prevHash = tip?.hash ?? GENESIS;
    const atIso = iso(r.at);
    const details = JSON.stringify(r.details);
    const hash = hashOf(prevHash, seq, atIso, r, details);
    await tx.query('INSERT INTO audit_log (seq, shop_id, at, principal, key_id, address, action, target, details, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)', [
      seq, r.shopId, atIso, r.principal, r.keyId, r.address, r.action, r.target, details, prevHash, hash,
    ]);
    return { ...r, seq, prevHash, hash };
  });
}

interface Row {
  seq: string;
  shop_id: string;
  at: Date | string;
  principal: string;
  key_id: string | null;
  address: string;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
  hash: string;
}

const toRecord = (x: Row): AuditRecord => ({
  seq: Number(x.seq),
  shopId: x.shop_id,
  at: toMs(x.at),
  principal: x.principal,
  keyId: x.key_id,
  address: x.address,
  action: x.action,
  target: x.target,
  details: JSON.parse(x.details) as Record<string, unknown>,
  prevHash: x.prev_hash,
  hash: x.hash,
});

/** Rows after `afterSeq`, oldest first. */
export async function readAudit(sql: Sql, afterSeq: number, limit: number): Promise<AuditRecord[]> {
  const r = await sql.query<Row>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]);
  return r.rows.map(toRecord);
}

/** Where the chain breaks: a gap, a row whose hash is not its fields', a link to the wrong row. */
export async function verifyAuditChain(sql: Sql): Promise<{ seq: number; problem: string }[]> {
  const problems: { seq: number; problem: string }[] = [];
  let prev = GENESIS;
  let expected = 1;
  for (let after = 0; ; ) {
    const rows = (await sql.query<Row>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000', [after])).rows;
    if (rows.length === 0) return problems;
    for (const x of rows) {
      const seq = Number(x.seq);
      if (seq !== expected) problems.push({ seq, problem: `expected entry ${expected} (a gap)` });
      if (x.prev_hash !== prev) problems.push({ seq, problem: 'does not link to the entry before it' });
      const r = { shopId: x.shop_id, principal: x.principal, keyId: x.key_id, address: x.address, action: x.action, target: x.target };
      if (hashOf(x.prev_hash, seq, iso(toMs(x.at)), r, x.details) !== x.hash) problems.push({ seq, problem: 'its hash does not match its fields (edited)' });
      prev = x.hash;
      expected = seq + 1;
      after = seq;
    }
  }
}
