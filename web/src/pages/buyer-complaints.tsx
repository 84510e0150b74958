// My complaints (buyer): every complaint the signed-in buyer filed, nearest deadline first, with
// its status and the deadline running on it (SPEC §8.1).
import { Card, Flex, Typography } from 'antd';
import { ComplaintList } from '../governance/complaint-list.tsx';
import { useT } from '../i18n/index.tsx';

export default function BuyerComplaintsPage() {
  const t = useT();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('gov.complaints.mine')}
      </Typography.Title>
      <Card size="small">
        <ComplaintList path="/v1/complaints?limit=50" empty={t('gov.complaints.empty')} label={t('gov.complaints.mine')} testid="buyer-complaints" />
      </Card>
    </Flex>
  );
}
