// The queue as a table: nearest deadline first, a live countdown per case, and checkboxes only on
// the cases a batch agree can act on (`requested`, the one status where agree is allowed, SPEC §4).
import { Grid, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes, Key } from 'react';
import { Link } from 'react-router-dom';
import { yuan } from '../api.ts';
import { StatusTag } from '../case/case-facts.tsx';
import { Countdown } from '../components/countdown.tsx';
import { useLabel, useT } from '../i18n/index.tsx';
import type { CaseSummary } from '../../../src/contract/index.ts';
import { RiskBadge } from '../automation/risk-badge.tsx';

interface Props {
  rows: CaseSummary[];
  loading: boolean;
  showShop: boolean;
  /** Checkboxes for batch agree; only a shop may agree (the platform rules instead, SPEC §4). */
  selection?: { selected: Key[]; onSelect: (keys: Key[]) => void };
}

export function QueueTable({ rows, loading, showShop, selection }: Props) {
  const t = useT();
  const label = useLabel();
  // A phone shows what a merchant acts on (case, status, time left) without scrolling sideways.
  const wide = Grid.useBreakpoint().md ?? true;
  const caseLink = (id: string) => (
    <Link to={`/cases/${encodeURIComponent(id)}`} data-testid={`case-link-${id}`}>
      {id}
    </Link>
  );
  const status = { key: 'status', title: t('common.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> };
  const deadline = { key: 'deadline', title: t('common.deadline'), dataIndex: 'deadline', render: (_: unknown, r: CaseSummary) => <Countdown deadline={r.deadline} /> };
  const narrowColumns: ColumnsType<CaseSummary> = [
    {
      key: 'id',
      title: t('common.case'),
      dataIndex: 'id',
      render: (id: string, r: CaseSummary) => (
        <>
          {caseLink(id)}
          <br />
          <Typography.Text type="secondary">{`${label('type', r.type)}${r.amount > 0 ? ` · ${yuan(r.amount)}` : ''}`}</Typography.Text>
        </>
      ),
    },
    status,
    deadline,
  ];
  const wideColumns: ColumnsType<CaseSummary> = [
    { key: 'id', title: t('common.case'), dataIndex: 'id', render: caseLink },
    { key: 'order', title: t('common.order'), dataIndex: 'order' },
    // SPEC §10.4: the buyer's risk band beside each case (one request per buyer, cached).
    { key: 'buyer', title: t('risk.column'), dataIndex: 'buyer', render: (b: string, r: CaseSummary) => <RiskBadge buyer={b} testid={`risk-${r.id}`} /> },
    ...(showShop ? [{ key: 'shop', title: t('common.shop'), dataIndex: 'shop' }] : []),
    { key: 'type', title: t('common.type'), dataIndex: 'type', render: (v: string) => label('type', v) },
    { key: 'reason', title: t('common.reason'), dataIndex: 'reason', render: (v: string) => label('reason', v) },
    status,
    { key: 'amount', title: t('common.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => (v > 0 ? <Typography.Text strong>{yuan(v)}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>) },
    { key: 'phase', title: t('common.phase'), dataIndex: 'phase', render: (v: string) => label('phase', v) },
    deadline,
  ];
  return (
    <Table<CaseSummary>
      data-testid="queue"
      rowKey="id"
      size="middle"
      columns={wide ? wideColumns : narrowColumns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      // Wide: columns as wide as their content, scrolling if need be; a phone's three wrap instead.
      scroll={wide ? { x: 'max-content' } : undefined}
      locale={{ emptyText: t('wb.empty') }}
      onRow={(r) => ({ 'data-testid': `queue-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
      rowSelection={
        selection && {
          selectedRowKeys: selection.selected,
          onChange: selection.onSelect,
          getCheckboxProps: (r) => ({ disabled: r.status !== 'requested', 'aria-label': t('wb.select', { id: r.id }), title: r.status !== 'requested' ? t('wb.selectOnlyRequested') : undefined }),
        }
      }
    />
  );
}
