// /governance (the merchant's 违规与申诉) and /governance/:shop (the platform looking at one shop):
// the shop's points, sanctions and deposit (SPEC §8.2–§8.3) beside its complaints with their
// deadlines (§8.1); each complaint opens on /complaints/:id to answer or appeal.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ComplaintList } from '../governance/complaint-list.tsx';
import { ShopGovernancePanel } from '../governance/shop-governance.tsx';
import { useLang } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';

export default function GovernancePage() {
  const { t } = useLang();
  const { principal } = useSession();
  const params = useParams<{ shop: string }>();
  const platform = principal?.kind === 'platform';
  const shop = principal?.kind === 'shop' ? principal.shop : (params.shop ?? '');
  return (
    <Flex vertical gap={16}>
      {platform && (
        <Link to="/complaints">
          <ArrowLeftOutlined /> {t('gov.desk.title')}
        </Link>
      )}
      <Typography.Title level={3} style={{ margin: 0 }}>
        {platform ? t('gov.page.titleOf', { shop }) : t('gov.page.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <ShopGovernancePanel key={shop} shop={shop} canTopUp={!platform} canReopen={platform} />
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('gov.complaints.shop')}>
            <ComplaintList key={shop} path={`/v1/complaints?shop=${encodeURIComponent(shop)}&limit=50`} empty={t('gov.complaints.shopEmpty')} label={t('gov.complaints.shop')} testid="shop-complaints" />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
