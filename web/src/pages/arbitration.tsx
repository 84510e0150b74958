// /arbitration and /arbitration/:id: the platform's arbitration desk (SPEC §4 in_arbitration, §7).
// The queue of escalated cases beside (on a phone: above) the case being worked on.
import { Card, Col, Empty, Result, Row, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { CaseDesk } from '../arbitration/case-desk.tsx';
import { CaseQueue } from '../arbitration/case-queue.tsx';
import { useT } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';

export default function ArbitrationPage() {
  const t = useT();
  const { principal } = useSession();
  const { id } = useParams<{ id: string }>();
  const [reloadKey, setReloadKey] = useState(0);

  if (principal?.kind !== 'platform') {
    return <Result status="403" title={t('arb.platformOnly')} subTitle={t('arb.platformOnlyHint')} data-testid="arb-platform-only" />;
  }

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('arb.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xxl={7}>
          <CaseQueue selected={id} reloadKey={reloadKey} />
        </Col>
        <Col xs={24} lg={16} xxl={17}>
          {id ? (
            <CaseDesk id={id} onRuled={() => setReloadKey((k) => k + 1)} />
          ) : (
            <Card>
              <Empty description={t('arb.pick')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
