// The audit trail as the engine offers it (issue 19 item 5): record an action with who did it
// (principal, key id) from where (address) and when (the engine's clock); read it (platform only);
// verify the chain (doctor runs the same check).
import { refuse, type Refusal } from '../domain/errors.ts';
import { appendAudit, readAudit, verifyAuditChain, type AuditInput, type AuditRecord } from '../store/audit.ts';
import type { EngineCore } from './engine-core.ts';
import type { Principal } from './principal.ts';

export type { AuditRecord };

/** How a principal is written in the trail. */
export const principalName = (p: Principal) => (p.kind === 'platform' ? 'platform' : p.kind === 'shop' ? `shop:${p.shopId}` : `buyer:${p.buyerId}`);

export function createAuditTrail({ db, clock }: EngineCore) {
  const recordAction = (a: Omit<AuditInput, 'at'>) => appendAudit(db, { ...a, at: clock.now() });
  /** The trail after `afterSeq`: the platform's to read, nobody else's. */
  async function auditTrail(p: Principal, afterSeq: number, limit: number): Promise<AuditRecord[] | Refusal> {
    if (p.kind !== 'platform') return refuse('forbidden', 'audit', '只有平台可以查看审计日志', 'only the platform reads the audit trail', {});
    return readAudit(db, afterSeq, limit);
  }
  const verifyAudit = () => verifyAuditChain(db);
  return { recordAction, auditTrail, verifyAudit };
}
