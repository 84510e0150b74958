// Complaints as a list of link rows, nearest deadline first (the API's order): kind and sub-kind
// in words, status, the countdown of the deadline running on each, shop and order. The buyer's
// list, the shop's list and the platform's queue are this list on different API paths.
import { Alert, Button, Empty, Flex, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { usePaged } from '../buyer/paged.ts';
import { Countdown } from '../components/countdown.tsx';
import { useLabel, useT } from '../i18n/index.tsx';
import { ComplaintStatusTag } from './complaint-tags.tsx';
import { countdownOf, isOpenComplaint } from './rules.ts';
import type { ComplaintRow } from './types.ts';
import '../arbitration/arbitration.css';

export function ComplaintList({ path, empty, selected, linkOf = (id) => `/complaints/${encodeURIComponent(id)}`, testid = 'complaint-list', label: navLabel }: {
  path: string;
  empty: string;
  selected?: string;
  linkOf?: (id: string) => string;
  testid?: string;
  label: string;
}) {
  const t = useT();
  const label = useLabel();
  const { items, loading, error, more } = usePaged<ComplaintRow>(path);
  return (
    <Flex vertical gap={8} data-testid={testid}>
      {error && <Alert type="error" role="alert" showIcon title={error} />}
      {!loading && !error && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />}
      <nav aria-label={navLabel}>
        <ul className="arb-queue">
          {items.map((c) => (
            <li key={c.id}>
              <Link
                to={linkOf(c.id)}
                className={`arb-row${c.id === selected ? ' arb-row-selected' : ''}`}
                aria-current={c.id === selected ? 'page' : undefined}
                data-testid={`complaint-row-${c.id}`}
              >
                <Flex vertical gap={2}>
                  <Flex gap={8} wrap justify="space-between" align="center">
                    <Typography.Text strong>{label('complaintKind', c.kind)}</Typography.Text>
                    <ComplaintStatusTag status={c.status} />
                  </Flex>
                  <Typography.Text>{label('complaintSub', c.sub_kind)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {c.id} · {c.shop} · {t('common.order')} {c.order}
                    {c.points > 0 ? ` · ${t('gov.complaint.pointsValue', { n: c.points })}` : ''}
                  </Typography.Text>
                  {isOpenComplaint(c.status) && <Countdown deadline={countdownOf(c.deadline)} />}
                </Flex>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {loading && <Spin aria-label={t('common.loading')} />}
      {more && !loading && (
        <Button block onClick={() => void more()}>
          {t('buyer.more')}
        </Button>
      )}
    </Flex>
  );
}
