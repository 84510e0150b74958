// My cases (buyer): every after-sale case of the signed-in buyer, newest first, with what it is
// waiting for and the deadline that runs on it (SPEC §4: deadlines act by themselves).
import { RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { money } from '../api.ts';
import { localTime } from '../buyer/format.ts';
import { orderPath } from '../buyer/order-card.tsx';
import { usePaged } from '../buyer/paged.ts';
import { CaseStatusTag } from '../buyer/tags.tsx';
import { Countdown } from '../components/countdown.tsx';
import { useLabel, useLang } from '../i18n/index.tsx';
import type { CaseSummary } from '../../../src/contract/index.ts';

const { Text } = Typography;

function CaseCard({ c }: { c: CaseSummary }) {
  const { t, lang } = useLang();
  const label = useLabel();
  const done = c.status === 'completed' || c.status === 'closed';
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      data-testid={`buyer-case-${c.id}`}
      title={
        <Link to={`/cases/${encodeURIComponent(c.id)}`}>
          {label('type', c.type)} · {c.id} <RightOutlined style={{ fontSize: 10 }} />
        </Link>
      }
      extra={<CaseStatusTag status={c.status} />}
    >
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8}>
          <Text>{label('reason', c.reason)}</Text>
          {/* An exchange, repair or reshipment claims no money (SPEC §5). */}
          {c.amount > 0 && (
            <Text strong style={{ whiteSpace: 'nowrap' }}>
              {money(c.amount, c.currency)}
            </Text>
          )}
        </Flex>
        {c.refunded > 0 && (
          <Text type="success">
            {t('buyer.cases.refunded')} {money(c.refunded, c.currency)}
          </Text>
        )}
        {done ? (
          c.closed_reason && <Text type="secondary">{label('closed', c.closed_reason)}</Text>
        ) : (
          <Countdown deadline={c.deadline} />
        )}
        <Flex gap="2px 16px" wrap>
          {/* The list's summaries may come without it (only the case detail is sure to have it). */}
          {c.applied_at && (
            <Text type="secondary" style={{ fontSize: 13 }}>
              {t('common.appliedAt')} {localTime(c.applied_at, lang)}
            </Text>
          )}
          <Link to={orderPath({ shop: c.shop, id: c.order })} style={{ fontSize: 13 }}>
            {c.shop} · {t('buyer.order.id', { id: c.order })}
          </Link>
        </Flex>
      </Flex>
    </Card>
  );
}

export default function BuyerCasesPage() {
  const { t } = useLang();
  const { items, loading, error, more } = usePaged<CaseSummary>('/v1/cases?sort=applied&limit=20');
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('buyer.cases.title')}
      </Typography.Title>
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      {!loading && !error && items.length === 0 && <Empty description={t('buyer.cases.empty')} />}
      <Row gutter={[16, 16]} data-testid="buyer-cases">
        {items.map((c) => (
          <Col key={`${c.shop}/${c.id}`} xs={24} md={12} xl={8}>
            <CaseCard c={c} />
          </Col>
        ))}
      </Row>
      {loading && <Spin aria-label={t('common.loading')} />}
      {more && !loading && (
        <Button block onClick={() => void more()} data-testid="cases-more">
          {t('buyer.more')}
        </Button>
      )}
    </Flex>
  );
}
