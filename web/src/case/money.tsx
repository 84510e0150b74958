// A case's money (SPEC §5): what is claimed, split into goods and shipping fee, who pays the return
// shipping, the insurer's claim, deductions, and what is refunded or still pending (with the legal
// due time of the refund).
import { Descriptions, Typography } from 'antd';
import { isoMinutes, money } from '../api.ts';
import { useLabel, useT } from '../i18n/index.tsx';
import type { CaseDetail } from '../../../src/contract/index.ts';


export function MoneyBreakdown({ c }: { c: CaseDetail }) {
  const t = useT();
  const label = useLabel();
  const m = c.money;
  const items = [
    { key: 'amount', label: t('case.money.amount'), children: <Typography.Text strong>{money(m.amount, c.currency)}</Typography.Text> },
    { key: 'goods', label: t('case.money.goods'), children: money(m.goods, c.currency) },
    { key: 'shipping', label: t('case.money.shippingFee'), children: money(m.shipping_fee, c.currency) },
    {
      key: 'return',
      label: t('case.money.returnShipping'),
      // Who bears it is settled when the shop receives the parcel; until then, what the buyer paid.
      children:
        m.return_shipping_payer === 'none' && c.return_shipment?.shipping_cost
          ? t('case.money.returnShippingPaid', { amount: money(c.return_shipment.shipping_cost, c.currency) })
          : `${label('payer', m.return_shipping_payer)}${m.return_shipping_reimbursed ? ` · ${t('case.money.reimbursed', { amount: money(m.return_shipping_reimbursed, c.currency) })}` : ''}`,
    },
    // SPEC §13: the prepaid return label of a return the platform authorized, and who pays it.
    ...(c.label
      ? [
          {
            key: 'label',
            label: t('case.money.returnLabel'),
            children: (
              <span data-testid="return-label">
                {c.label.carrier} {c.label.tracking} · {money(c.label.cost, c.currency)} · {label('payer', c.label_payer ?? 'none')}
              </span>
            ),
          },
        ]
      : []),
    ...(m.insurer_claim ? [{ key: 'insurer', label: t('case.money.insurerClaim'), children: money(m.insurer_claim, c.currency) }] : []),
    ...(m.deductions ? [{ key: 'deductions', label: t('case.money.deductions'), children: `−${money(m.deductions, c.currency)}` }] : []),
    ...(m.refund_pending !== null
      ? [
          {
            key: 'pending',
            label: t('case.money.pending'),
            children: (
              <span data-testid="money-pending">
                {money(m.refund_pending, c.currency)}
                {m.refund_due_at && (
                  <Typography.Text type="secondary"> · {t('case.money.dueAt', { at: isoMinutes(m.refund_due_at) })}</Typography.Text>
                )}
              </span>
            ),
          },
        ]
      : []),
    {
      key: 'refunded',
      label: t('case.money.refunded'),
      children: (
        <Typography.Text strong type={m.refunded > 0 ? 'success' : undefined} data-testid="money-refunded">
          {money(m.refunded, c.currency)}
        </Typography.Text>
      ),
    },
    ...(m.order_compensation ? [{ key: 'compensation', label: t('case.money.compensation'), children: money(m.order_compensation, c.currency) }] : []),
  ];
  return <Descriptions data-testid="money" size="small" column={{ xs: 1, sm: 2, md: 3 }} items={items} />;
}
