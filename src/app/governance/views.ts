// What callers see of governance (SPEC §8): a complaint (the scenario fields, the API's row and
// detail), a shop's governance and its deposit ledger — in SPEC vocabulary, instants as ISO-8601 in
// the platform zone, labels in the caller's language.
import { availableComplaintActions } from '../../domain/complaint/actions.ts';
import { COMPLAINT_KIND_LABELS, COMPLAINT_STATUS_LABELS, COMPLAINT_SUB_KIND_LABELS } from '../../domain/complaint/labels.ts';
import type { ComplaintState } from '../../domain/complaint/types.ts';
import { formatInstant } from '../../domain/calendar.ts';
import type { Lang } from '../../domain/labels.ts';
import { depositRequired, isRestrictionActive, pointsAt, shopStatusAt, yearOf } from '../../domain/shop/status.ts';
import type { Actor, Role } from '../../domain/types.ts';
import type { LedgerRow } from '../../store/governance.ts';
import type { ComplaintDetailInputs, ShopGovernanceInputs } from './reads.ts';
import { describeGovernanceEvent, shownGovernanceActor } from './timeline.ts';

/** The fields a scenario's complaint check reads (FORMAT.md). */
export function complaintView(c: ComplaintState) {
  return { status: c.status, points: c.points, merchant_silent: c.merchantSilent, closed_reason: c.closedReason };
}

/** A row of GET /v1/complaints. */
export function complaintRow(c: ComplaintState, lang: Lang, tz: string) {
  return {
    id: c.id,
    shop: c.shopId,
    order: c.orderId,
    buyer: c.buyerId,
    kind: c.kind,
    sub_kind: c.subKind,
    kind_label: COMPLAINT_KIND_LABELS[c.kind][lang],
    sub_kind_label: COMPLAINT_SUB_KIND_LABELS[c.subKind][lang],
    status: c.status,
    status_label: COMPLAINT_STATUS_LABELS[c.status][lang],
    points: c.points,
    merchant_silent: c.merchantSilent,
    closed_reason: c.closedReason,
    filed_at: formatInstant(c.filedAt, tz),
    deadline: c.deadline ? { kind: c.deadline.kind, due_at: formatInstant(c.deadline.dueAt, tz) } : null,
  };
}

/** GET /v1/complaints/:complaint (and every complaint command's answer). */
export function complaintDetail(inputs: ComplaintDetailInputs, actor: Actor, lang: Lang, tz: string) {
  const { complaint: c, policy, now, history } = inputs;
  const at = (ms: number) => formatInstant(ms, tz);
  const evidence = [
    ...c.filing.evidence,
    ...(c.response?.evidence ?? []),
    ...(c.appeal?.evidence ?? []),
  ].map((e) => ({ party: e.party, kind: e.kind, description: e.description ?? null, at: at(e.at) }));
  return {
    ...complaintRow(c, lang, tz),
    note: c.filing.note,
    evidence,
    response: c.response ? { note: c.response.note, at: at(c.response.at) } : null,
    ruling: c.ruling ? { outcome: c.ruling.outcome, note: c.ruling.note, at: at(c.ruling.at) } : null,
    appeal: c.appeal ? { reason: c.appeal.reason, at: at(c.appeal.at), outcome: c.appeal.outcome } : null,
    timeline: history.map((e) => ({
      at: at(e.data.at),
      type: e.type,
      actor: shownGovernanceActor(e.data, e.actor as Actor),
      text: describeGovernanceEvent(e.data, tz)[lang],
    })),
    actions: policy ? availableComplaintActions(c, actor, policy, now) : [],
  };
}

const OPEN = ['filed', 'under_review', 'appealed'];

/** GET /v1/shops/:shop/governance: points this year against the thresholds, sanctions, the deposit. */
export function governanceView(g: ShopGovernanceInputs, tz: string) {
  const { shop: s, policy, now } = g;
  const at = (ms: number) => formatInstant(ms, tz);
  const st = shopStatusAt(s, now);
  const required = depositRequired(s, policy);
  const closureThreshold = policy.params.sanction_thresholds.find((t) => t.sanction === 'closure')?.points ?? null;
  const sanctions = [
    ...s.restrictions.map((r) => ({
      kind: 'restriction' as const,
      // SPEC §8.5: the governance cycle's restriction comes from no points threshold.
      threshold: r.cause === 'governance_cycle' ? null : (r.threshold as number | null),
      from: at(r.from),
      until: at(r.until) as string | null,
      ended_at: r.endedAt !== null ? at(r.endedAt) : r.until <= now ? at(r.until) : null,
      active: isRestrictionActive(r, now),
    })),
    ...s.closures.map((c, i) => ({
      kind: 'closure' as const,
      threshold: i === s.closures.length - 1 && s.closure ? s.closure.threshold : closureThreshold,
      from: at(c.at),
      until: null,
      ended_at: c.reopenedAt === null ? null : at(c.reopenedAt),
      active: c.reopenedAt === null,
    })),
    ...(s.deposit.restrictedSince !== null
      ? [{ kind: 'deposit_restriction' as const, threshold: null, from: at(s.deposit.restrictedSince), until: null, ended_at: null, active: true }]
      : []),
  ].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return {
    shop: s.id,
    year: yearOf(now, policy.calendar.timeZone),
    points: pointsAt(s, now, policy.calendar.timeZone),
    thresholds: policy.params.sanction_thresholds.map((t) => ({ points: t.points, sanction: t.sanction, days: t.sanction === 'restriction' ? t.days : null })),
    status: st.status,
    restricted_until: st.restrictedUntil === null ? null : at(st.restrictedUntil),
    sanctions: sanctions.map(({ active: _active, ...x }) => x),
    deposit: {
      // SPEC §13: the deposit is in the shop's currency (its pack's).
      currency: policy.currency,
      required,
      balance: s.deposit.balance,
      shortfall: Math.max(0, required - s.deposit.balance),
      topup_due_at: s.deposit.shortfall ? at(s.deposit.shortfall.dueAt) : null,
    },
    open_complaints: OPEN.reduce((n, k) => n + (g.complaints[k] ?? 0), 0),
  };
}

/** GET /v1/shops/:shop/deposit/ledger. */
export function ledgerView(rows: readonly LedgerRow[], tz: string) {
  return { data: rows.map((r) => ({ at: formatInstant(r.at, tz), kind: r.kind, reason: r.reason, currency: r.currency, amount: r.amount, balance_after: r.balanceAfter, ref: r.ref })) };
}

export type { Role };
