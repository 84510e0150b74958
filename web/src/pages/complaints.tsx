// /complaints and /complaints/:id. The platform's complaint desk (SPEC §8.1): the queue of
// complaints waiting for someone, nearest deadline first, beside (on a phone: above) the one being
// worked on, with both sides' evidence and the ruling forms. A buyer or merchant opening
// /complaints/:id sees the complaint page, with what they may do on it.
import { Card, Col, Empty, Flex, Row, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { BackLink } from '../components/back-link.tsx';
import { ComplaintList } from '../governance/complaint-list.tsx';
import { ComplaintView } from '../governance/complaint-view.tsx';
import { useT } from '../i18n/index.tsx';
import { homeOf, useSession } from '../session.tsx';

const shopPage = (shop: string) => `/governance/${encodeURIComponent(shop)}`;

function Desk({ id }: { id: string | undefined }) {
  const t = useT();
  const [reloadKey, setReloadKey] = useState(0);
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('gov.desk.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xxl={7}>
          <Card size="small" title={t('gov.desk.queue')}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('gov.desk.queueHint')}
            </Typography.Paragraph>
            <ComplaintList
              key={reloadKey}
              path="/v1/complaints?status=filed,under_review,appealed&limit=100"
              empty={t('gov.desk.empty')}
              selected={id}
              label={t('gov.desk.queue')}
              testid="complaint-queue"
            />
          </Card>
        </Col>
        <Col xs={24} lg={16} xxl={17}>
          {id ? (
            <ComplaintView key={id} id={id} shopLink={shopPage} onChanged={() => setReloadKey((k) => k + 1)} />
          ) : (
            <Card>
              <Empty description={t('gov.desk.pick')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}

export default function ComplaintsPage() {
  const { principal } = useSession();
  const { id } = useParams<{ id: string }>();
  if (principal?.kind === 'platform') return <Desk id={id} />;
  if (!id) return null;
  const back = principal?.kind === 'buyer' ? '/buyer/complaints' : principal?.kind === 'shop' ? '/governance' : principal ? homeOf(principal) : '/';
  return (
    <Flex vertical gap={12}>
      <BackLink fallback={back} />
      <ComplaintView key={id} id={id} />
    </Flex>
  );
}
