// The queue as a table: nearest deadline first, a live countdown per case coloured by urgency
// (issue 16: overdue, < 4 h, < 24 h), buyer and product, the keyboard's current row, and checkboxes
// only on the cases a batch can act on (`requested`: agree, reject and offer, SPEC §4).
import { Flex, Grid, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes, Key } from 'react';
import { Link } from 'react-router-dom';
import { money } from '../api.ts';
import { StatusTag } from '../case/case-facts.tsx';
import { Countdown, useNow } from '../components/countdown.tsx';
import { useLabel, useT } from '../i18n/index.tsx';
import type { CaseSummary } from '../../../src/contract/index.ts';
import { RiskBadge } from '../automation/risk-badge.tsx';
import { URGENCY_COLOR, urgencyOf, type Urgency } from './urgency.ts';
import './workday.css';

interface Props {
  rows: CaseSummary[];
  loading: boolean;
  showShop: boolean;
  /** Checkboxes for batch actions; only a shop may agree (the platform rules instead, SPEC §4). */
  selection?: { selected: Key[]; onSelect: (keys: Key[]) => void };
  /** The keyboard's current row (j/k). */
  activeId?: string | null;
  /** The words when nothing is listed: an empty queue, or a search that found nothing. */
  emptyText?: string;
}

/** The running deadline: its urgency as a coloured tag, then the countdown. */
function Due({ r, urgency }: { r: CaseSummary; urgency: Urgency }) {
  const t = useT();
  return (
    <Flex gap={4} wrap align="center" data-testid={`urgency-${r.id}`} data-urgency={urgency} className={`wd-urgency wd-urgency-${urgency}`}>
      {urgency !== 'none' && urgency !== 'later' && <Tag color={URGENCY_COLOR[urgency]}>{t(`wd.urgency.${urgency}`)}</Tag>}
      <Countdown deadline={r.deadline} />
    </Flex>
  );
}

const productsOf = (r: CaseSummary) => r.products.map((p) => p.title ?? p.sku).join('、') || '—';

export function QueueTable({ rows, loading, showShop, selection, activeId, emptyText }: Props) {
  const t = useT();
  const label = useLabel();
  // One clock for every row's urgency (a minute is fine-grained enough for the colour).
  const now = useNow(60_000);
  // A phone shows what a merchant acts on (case, status, time left) without scrolling sideways.
  const wide = Grid.useBreakpoint().md ?? true;
  const caseLink = (id: string) => (
    <Link to={`/cases/${encodeURIComponent(id)}`} data-testid={`case-link-${id}`}>
      {id}
    </Link>
  );
  const status = { key: 'status', title: t('common.status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> };
  const deadline = { key: 'deadline', title: t('common.deadline'), dataIndex: 'deadline', render: (_: unknown, r: CaseSummary) => <Due r={r} urgency={urgencyOf(r.deadline?.due, now)} /> };
  const narrowColumns: ColumnsType<CaseSummary> = [
    {
      key: 'id',
      title: t('common.case'),
      dataIndex: 'id',
      render: (id: string, r: CaseSummary) => (
        <>
          {caseLink(id)}
          <br />
          <Typography.Text type="secondary">{`${label('type', r.type)}${r.amount > 0 ? ` · ${money(r.amount, r.currency)}` : ''}`}</Typography.Text>
          <br />
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 130 }}>{`${r.buyer} · ${productsOf(r)}`}</Typography.Text>
        </>
      ),
    },
    status,
    deadline,
  ];
  const wideColumns: ColumnsType<CaseSummary> = [
    { key: 'id', title: t('common.case'), dataIndex: 'id', render: caseLink },
    { key: 'order', title: t('common.order'), dataIndex: 'order' },
    { key: 'buyer', title: t('common.buyer'), dataIndex: 'buyer', render: (b: string, r: CaseSummary) => <span data-testid={`buyer-${r.id}`}>{b}</span> },
    // SPEC §10.4: the buyer's risk band beside each case (one request per buyer, cached).
    { key: 'risk', title: t('risk.column'), dataIndex: 'buyer', render: (b: string, r: CaseSummary) => <RiskBadge buyer={b} testid={`risk-${r.id}`} /> },
    {
      key: 'products',
      title: t('wd.products'),
      dataIndex: 'products',
      render: (_: unknown, r: CaseSummary) => (
        <Typography.Text ellipsis style={{ maxWidth: 220 }} title={r.products.map((p) => `${p.title ?? ''} ${p.sku}`).join('\n')} data-testid={`products-${r.id}`}>
          {productsOf(r)}
        </Typography.Text>
      ),
    },
    ...(showShop ? [{ key: 'shop', title: t('common.shop'), dataIndex: 'shop' }] : []),
    { key: 'type', title: t('common.type'), dataIndex: 'type', render: (v: string) => label('type', v) },
    { key: 'reason', title: t('common.reason'), dataIndex: 'reason', render: (v: string) => label('reason', v) },
    status,
    { key: 'amount', title: t('common.amount'), dataIndex: 'amount', align: 'right', render: (v: number, r) => (v > 0 ? <Typography.Text strong>{money(v, r.currency)}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>) },
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
      locale={{ emptyText: <span data-testid="queue-empty">{emptyText ?? t('wb.empty')}</span> }}
      rowClassName={(r) => `wd-row-${urgencyOf(r.deadline?.due, now)}${r.id === activeId ? ' wd-row-active' : ''}`}
      onRow={(r) => ({ 'data-testid': `queue-row-${r.id}`, 'aria-selected': r.id === activeId ? true : undefined }) as HTMLAttributes<HTMLElement>}
      rowSelection={
        selection && {
          selectedRowKeys: selection.selected,
          onChange: selection.onSelect,
          getCheckboxProps: (r) => ({ disabled: r.status !== 'requested', 'aria-label': t('wb.select', { id: r.id }), title: r.status !== 'requested' ? t('wd.selectOnlyRequested') : undefined }),
        }
      }
    />
  );
}
