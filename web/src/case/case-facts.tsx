// The facts of a case as read-only blocks: who and what (header), the claimed lines, how it is
// being settled (offer, return, replacement, ruling) and what proof is asked for (SPEC §7).
import { Descriptions, Flex, Tag, Typography } from 'antd';
import { isoMinutes, money } from '../api.ts';
import { Countdown } from '../components/countdown.tsx';
import { useLabel, useLang, useT } from '../i18n/index.tsx';
import type { CaseDetail } from '../../../src/contract/index.ts';
import { isOpenStatus } from '../../../src/contract/enums.ts';
import { offerInWords } from './codes.ts';

const COLUMNS = { xs: 1, sm: 2, md: 3 };
const STATUS_COLOR: Record<string, string> = {
  requested: 'orange',
  offer_pending: 'gold',
  rejected: 'red',
  in_arbitration: 'purple',
  refunding: 'cyan',
  completed: 'green',
  closed: 'default',
};

export const statusColor = (status: string) => STATUS_COLOR[status] ?? 'blue';

export function StatusTag({ status, testid }: { status: string; testid?: string }) {
  const label = useLabel();
  return (
    <Tag color={statusColor(status)} data-testid={testid}>
      {label('status', status)}
    </Tag>
  );
}

export function CaseFacts({ c }: { c: CaseDetail }) {
  const t = useT();
  const label = useLabel();
  const items = [
    { key: 'order', label: t('common.order'), children: <span data-testid="case-order">{c.order}</span> },
    { key: 'shop', label: t('common.shop'), children: c.shop },
    { key: 'buyer', label: t('common.buyer'), children: c.buyer },
    { key: 'type', label: t('common.type'), children: label('type', c.type) },
    { key: 'reason', label: t('common.reason'), children: label('reason', c.reason) },
    { key: 'phase', label: t('common.phase'), children: label('phase', c.phase) },
    { key: 'applied', label: t('common.appliedAt'), children: isoMinutes(c.applied_at) },
    { key: 'liability', label: t('case.liability'), children: label('liability', c.liability) },
    { key: 'deadline', label: t('common.deadline'), children: <Countdown deadline={c.deadline} /> },
    ...(c.closed_reason ? [{ key: 'closed', label: t('case.closedReason'), children: label('closed', c.closed_reason) }] : []),
    ...(c.note ? [{ key: 'note', label: t('case.note'), children: c.note }] : []),
  ];
  return <Descriptions size="small" column={COLUMNS} items={items} />;
}

export function ClaimedLines({ c }: { c: CaseDetail }) {
  const t = useT();
  return (
    <Flex vertical data-testid="case-lines">
      {c.lines.map((l) => (
        <Flex key={l.line} justify="space-between" align="center" gap={12} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
          <Flex vertical>
            <Typography.Text>{l.title ?? l.sku}</Typography.Text>
            <Typography.Text type="secondary">{`${l.line} · ${l.sku} · ${t('case.quantity', { n: l.quantity })}`}</Typography.Text>
          </Flex>
          <Typography.Text strong>{money(l.share, c.currency)}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/** Offer, return address and parcel, replacement parcel, ruling: whichever this case has. */
export function Settlement({ c }: { c: CaseDetail }) {
  const t = useT();
  const { lang } = useLang();
  const label = useLabel();
  const items = [
    ...(c.offer
      ? [
          {
            key: 'offer',
            label: t('case.offer'),
            children: (
              <span data-testid="case-offer">{offerInWords(c.offer, label)}</span>
            ),
          },
        ]
      : []),
    ...(c.money.buyer_owes > 0 ? [{ key: 'owes', label: t('case.offer'), children: <span data-testid="case-buyer-owes">{t('case.buyerOwes', { amount: money(c.money.buyer_owes, c.currency) })}</span> }] : []),
    ...(c.return_address
      ? [{ key: 'address', label: t('case.returnAddress'), children: <span data-testid="case-return-address">{c.return_address}</span> }]
      : c.status === 'awaiting_return'
        ? // Agreed by the deadline (no one typed an address): the buyer must ask the shop for it.
          [{ key: 'address', label: t('case.returnAddress'), children: t('case.form.noAddress') }]
        : []),
    ...(c.return_shipment
      ? [
          {
            key: 'return',
            label: t('case.returnShipment'),
            children: (
              <>
                {`${c.return_shipment.carrier_name ?? c.return_shipment.carrier} ${c.return_shipment.tracking} · ${isoMinutes(c.return_shipment.at)}${c.return_shipment.shipping_cost ? ` · ${t('case.shippingCost', { amount: money(c.return_shipment.shipping_cost, c.currency) })}` : ''}${c.return_shipment.corrected ? ` · ${t('case.trackingCorrected')}` : ''}`}
                {/* Issue 15: a number unlike the carrier's usual ones is a warning for the merchant, not a refusal. */}
                {c.return_shipment.format_warning && (
                  <Typography.Text type="warning" data-testid="tracking-warning" style={{ display: 'block' }}>
                    {lang === 'en' ? c.return_shipment.format_warning.en : c.return_shipment.format_warning.zh}
                  </Typography.Text>
                )}
              </>
            ),
          },
        ]
      : []),
    ...(c.replacement ? [{ key: 'replacement', label: t('case.replacement'), children: `${c.replacement.carrier} ${c.replacement.tracking} · ${isoMinutes(c.replacement.at)}` }] : []),
    ...(c.ruling
      ? [
          {
            key: 'ruling',
            label: t('case.ruling'),
            children: (
              <span data-testid="case-ruling">
                {label('outcome', c.ruling.outcome)} · {label('liability', c.ruling.liability)}
                {c.ruling.amount !== null ? ` · ${money(c.ruling.amount, c.currency)}` : ''}
                {c.ruling.note ? ` · ${t('case.rulingNote', { note: c.ruling.note })}` : ''}
              </span>
            ),
          },
        ]
      : []),
  ];
  if (items.length === 0) return null;
  return <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} data-testid="case-settlement" />;
}

/** Open evidence requests with their due times, and who bears the burden of proof (SPEC §7). */
export function ProofAsked({ c }: { c: CaseDetail }) {
  const t = useT();
  const label = useLabel();
  // A request already met by what the party gave is not waiting on anyone.
  const open = c.evidence_requests.filter((r) => r.open && !r.met);
  // Who must prove what matters while the case can still go either way.
  const burdens = isOpenStatus(c.status) ? c.burdens : [];
  if (open.length === 0 && burdens.length === 0) return null;
  const kinds = (ks: string[], mode: 'any' | 'all') => ks.map((k) => label('evidence', k)).join(mode === 'all' ? ' + ' : ' / ');
  return (
    <Flex vertical gap={8} data-testid="evidence-requests">
      {open.map((r) => (
        <div key={r.id}>
          <Typography.Text>
            <Tag color="orange">{t('case.requested')}</Tag>
            {t('case.requestLine', { party: label('party', r.party), kinds: kinds(r.kinds, r.mode) })}{' '}
            <Countdown deadline={{ kind: 'evidence', due: r.due }} />
          </Typography.Text>
        </div>
      ))}
      {burdens.map((b) => (
        <div key={`${b.party}-${b.situation}`}>
          <Typography.Text>
            <Tag color={b.met ? 'green' : 'red'}>{t(b.met ? 'case.burdenMet' : 'case.burdenOpen')}</Tag>
            {t('case.burdenLine', { party: label('party', b.party), kinds: kinds(b.kinds, b.mode) })}
          </Typography.Text>
        </div>
      ))}
    </Flex>
  );
}
