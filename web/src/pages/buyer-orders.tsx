// My orders (buyer): every order of the signed-in buyer (the API shows a buyer token its own only),
// newest placed first (sort=placed), each under its shop's name, with its cases and the way to apply for after-sale service.
import { Alert, Button, Col, Empty, Flex, Row, Spin, Typography } from 'antd';
import { OrderCard } from '../buyer/order-card.tsx';
import { usePaged } from '../buyer/paged.ts';
import { useT } from '../i18n/index.tsx';
import type { OrderDetail } from '../../../src/contract/index.ts';

export default function BuyerOrdersPage() {
  const t = useT();
  const { items, loading, error, more } = usePaged<OrderDetail>('/v1/orders?limit=20&sort=placed');
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('buyer.orders.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('buyer.orders.hint')}</Typography.Text>
      </div>
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      {!loading && !error && items.length === 0 && <Empty description={t('buyer.orders.empty')} />}
      <Row gutter={[16, 16]} data-testid="orders">
        {items.map((o) => (
          <Col key={`${o.shop}/${o.id}`} xs={24} md={12} xl={8}>
            <OrderCard order={o} />
          </Col>
        ))}
      </Row>
      {loading && <Spin aria-label={t('common.loading')} />}
      {more && !loading && (
        <Button block onClick={() => void more()} data-testid="orders-more">
          {t('buyer.more')}
        </Button>
      )}
    </Flex>
  );
}
