// One order as the buyer sees it: the shop, the goods and what was paid, when it was placed and
// signed for, and its after-sale cases. Phone first: a card, never a wide table.
import { Button, Card, Flex, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { money } from '../api.ts';
import { useLabel, useLang } from '../i18n/index.tsx';
import type { OrderDetail } from '../../../src/contract/index.ts';
import { localTime } from './format.ts';
import { CaseStatusTag, OrderStatusTag } from './tags.tsx';

const { Text } = Typography;

export const orderPath = (o: { shop: string; id: string }) => `/buyer/orders/${encodeURIComponent(o.shop)}/${encodeURIComponent(o.id)}`;

/** `full`: the order page's card, with shipment and refunds; otherwise the list's, with "Apply". */
export function OrderCard({ order, full = false }: { order: OrderDetail; full?: boolean }) {
  const { t, lang } = useLang();
  const label = useLabel();
  const navigate = useNavigate();
  const facts: [string, string][] = [[t('buyer.order.placedAt'), localTime(order.placed_at, lang)]];
  if (full && order.shipped_at) facts.push([t('buyer.order.shippedAt'), localTime(order.shipped_at, lang)]);
  if (full && order.carrier) facts.push([t('buyer.order.parcel'), `${order.carrier} ${order.tracking ?? ''}`]);
  if (order.signed_at) facts.push([t('buyer.order.signedAt'), localTime(order.signed_at, lang)]);
  if (full) facts.push([t('buyer.order.shippingFee'), money(order.shipping_fee, order.currency)]);
  if (order.refunded > 0) facts.push([t('buyer.order.refunded'), money(order.refunded, order.currency)]);
  return (
    <Card
      size="small"
      data-testid={`order-${order.id}`}
      style={full ? undefined : { height: '100%' }}
      title={
        <Flex gap={8} wrap align="baseline" style={{ whiteSpace: 'normal' }}>
          <Text strong data-testid={`order-shop-${order.id}`}>
            {order.shop_name ?? order.shop}
          </Text>
          {full ? (
            <Text type="secondary">{t('buyer.order.id', { id: order.id })}</Text>
          ) : (
            <Link to={orderPath(order)}>{t('buyer.order.id', { id: order.id })}</Link>
          )}
        </Flex>
      }
      // Signed for but not yet confirmed: the buyer reads "已签收", not "已发货".
      extra={<OrderStatusTag status={order.status === 'shipped' && order.signed_at ? 'signed' : order.status} />}
    >
      <Flex vertical gap={8}>
        {order.lines.map((l) => (
          <Flex key={l.id} justify="space-between" gap={8}>
            <Text style={{ minWidth: 0 }}>
              {l.title ?? l.sku} <Text type="secondary">× {l.quantity}</Text>
            </Text>
            <Text strong style={{ whiteSpace: 'nowrap' }}>
              {money(l.paid_amount, order.currency)}
            </Text>
          </Flex>
        ))}
        <Flex gap="2px 16px" wrap>
          {facts.map(([k, v]) => (
            <Text key={k} type="secondary" style={{ fontSize: 13 }}>
              {k} {v}
            </Text>
          ))}
        </Flex>
        {order.cases.length > 0 && (
          <Flex vertical gap={4}>
            <Text type="secondary" style={{ fontSize: 13 }}>
              {t('buyer.order.cases')}
            </Text>
            {order.cases.map((c) => (
              <Link key={c.id} to={`/cases/${encodeURIComponent(c.id)}`} data-testid={`order-case-${c.id}`} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', rowGap: 2 }}>
                <CaseStatusTag status={c.status} />
                <span style={{ overflowWrap: 'anywhere' }}>
                  {label('type', c.type)} · {c.id}
                </span>
              </Link>
            ))}
          </Flex>
        )}
        {!full && (
          <Flex justify="flex-end">
            <Button type="primary" ghost data-testid={`order-apply-${order.id}`} onClick={() => navigate(orderPath(order))}>
              {t(order.status === 'closed' || order.status === 'pending_payment' ? 'buyer.order.view' : 'buyer.order.apply')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
