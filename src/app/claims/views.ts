// What callers see of a claim (SPEC §13): the scenario fields, the API's row and detail — in SPEC
// vocabulary, amounts in minor units with their currency, instants as ISO-8601 in the platform zone,
// labels in the caller's language.
import { availableClaimActions } from '../../domain/claim/command-table.ts';
import { CLAIM_KIND_LABELS, CLAIM_LEDGER_LABELS, CLAIM_REASON_LABELS, CLAIM_STATUS_LABELS } from '../../domain/claim/labels.ts';
import type { ClaimLedgerKind, ClaimState, LedgerAccount } from '../../domain/claim/types.ts';
import { formatInstant } from '../../domain/calendar.ts';
import type { Lang } from '../../domain/labels.ts';
import type { Actor } from '../../domain/types.ts';
import type { ClaimLedgerRow } from '../../store/claims.ts';
import type { ClaimDetailInputs } from './reads.ts';

/** The ledger rows of a claim as movements: one per double entry, credit and debit accounts named. */
export function claimMovements(rows: readonly ClaimLedgerRow[]) {
  const byEntry = new Map<string, { kind: ClaimLedgerKind; amount: number; credit: LedgerAccount; debit: LedgerAccount; at: number }>();
  for (const r of rows) {
    const id = r.entryId.replace(/:(credit|debit)$/, '');
    const m = byEntry.get(id) ?? { kind: r.kind as ClaimLedgerKind, amount: 0, credit: 'buyer_credit' as LedgerAccount, debit: 'buyer_credit' as LedgerAccount, at: r.at };
    if (r.amount >= 0) [m.amount, m.credit] = [r.amount, r.account as LedgerAccount];
    else m.debit = r.account as LedgerAccount;
    byEntry.set(id, m);
  }
  return [...byEntry.values()];
}

/** The fields a scenario's claim check reads (docs/decisions.md "Scenario steps for claims"). */
export function claimView(c: ClaimState, ledger: readonly ClaimLedgerRow[], tz: string) {
  return {
    status: c.status,
    kind: c.kind,
    amount: c.amount,
    currency: c.currency,
    seller_silent: c.sellerSilent,
    appealed: c.appeal !== null,
    deadline: c.deadline ? { kind: c.deadline.kind, due: formatInstant(c.deadline.dueAt, tz) } : null,
    ledger: claimMovements(ledger).map((m) => ({ kind: m.kind, amount: m.amount })),
  };
}

/** A row of GET /v1/claims. */
export function claimRow(c: ClaimState, lang: Lang, tz: string) {
  return {
    id: c.id,
    kind: c.kind,
    kind_label: CLAIM_KIND_LABELS[c.kind][lang],
    shop: c.shopId,
    order: c.orderId,
    case: c.caseId,
    buyer: c.buyerId,
    reason: c.reason,
    reason_label: CLAIM_REASON_LABELS[c.reason][lang],
    status: c.status,
    status_label: CLAIM_STATUS_LABELS[c.status][lang],
    amount: c.amount,
    currency: c.currency,
    seller_silent: c.sellerSilent,
    filed_at: formatInstant(c.filedAt, tz),
    deadline: c.deadline ? { kind: c.deadline.kind, due_at: formatInstant(c.deadline.dueAt, tz) } : null,
  };
}

/** GET /v1/claims/:claim (and every claim command's answer). */
export function claimDetail(inputs: ClaimDetailInputs, actor: Actor, lang: Lang, tz: string) {
  const { claim: c, policy, now, ledger, history } = inputs;
  const at = (ms: number) => formatInstant(ms, tz);
  const evidence = [...c.filing.evidence, ...(c.response?.evidence ?? []), ...(c.appeal?.evidence ?? [])].map((e) => ({
    party: e.party,
    kind: e.kind,
    description: e.description ?? null,
    at: at(e.at),
  }));
  return {
    ...claimRow(c, lang, tz),
    note: c.filing.note,
    basis: { kind: c.basis.kind, at: at(c.basis.at), case: c.basis.caseId },
    evidence,
    response: c.response ? { kind: c.response.kind, note: c.response.note, at: at(c.response.at) } : null,
    ruling: c.ruling ? { outcome: c.ruling.outcome, note: c.ruling.note, at: at(c.ruling.at) } : null,
    appeal: c.appeal ? { reason: c.appeal.reason, at: at(c.appeal.at), outcome: c.appeal.outcome } : null,
    ledger: claimMovements(ledger).map((m) => ({
      kind: m.kind,
      label: CLAIM_LEDGER_LABELS[m.kind][lang],
      amount: m.amount,
      currency: c.currency,
      credit: m.credit,
      debit: m.debit,
      at: at(m.at),
    })),
    timeline: history.map((e) => ({ at: at(e.data.at), type: e.type, actor: /Deadline(Started|Expired)$|ResponseMissed$/.test(e.type) ? { role: 'system' as const } : e.actor })),
    actions: policy ? availableClaimActions(c, actor, policy, now) : [],
  };
}
