// /workbench — the merchant's queue (a shop key sees its shop, the platform every shop): what needs
// work, nearest deadline first (SPEC §4: deadlines act by themselves), with batch agree. Filters
// live in the address, so the queue comes back as it was after opening a case.
import { FilterOutlined, QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Grid, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState, type Key } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { statusColor } from '../case/case-facts.tsx';
import { CASE_STATUSES, returnsGoods } from '../../../src/contract/enums.ts';
import { useLabel, useT } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { BatchActions } from '../workbench/batch-actions.tsx';
import { ExportButtons } from '../workbench/export-buttons.tsx';
import { KeysHelp, useQueueKeys } from '../workbench/queue-keys.tsx';
import { QueueFilterBar } from '../workbench/queue-filters.tsx';
import { QueueTable } from '../workbench/queue-table.tsx';
import { SavedFilters } from '../workbench/saved-filters.tsx';
import { PresetEditor } from '../workbench/preset-editor.tsx';
import { isNarrowed, useQueue, type QueueFilters } from '../workbench/use-queue.ts';

// ECharts is ~400 KB: loaded with the workbench's chart only, not with every page of the console.
const DeadlineChart = lazy(() => import('../workbench/deadline-chart.tsx').then((m) => ({ default: m.DeadlineChart })));

function filtersOf(p: URLSearchParams): QueueFilters {
  const within = Number(p.get('within'));
  return {
    status: p.get('status') ?? 'open',
    type: p.get('type') ?? undefined,
    reason: p.get('reason') ?? undefined,
    phase: p.get('phase') ?? undefined,
    within: within > 0 ? within : undefined,
    q: p.get('q') ?? undefined,
    sort: p.get('sort') === 'applied' ? 'applied' : undefined,
  };
}

function paramsOf(f: QueueFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.status !== 'open') out.status = f.status;
  for (const k of ['type', 'reason', 'phase', 'q', 'sort'] as const) if (f[k]) out[k] = f[k];
  if (f.within) out.within = String(f.within);
  return out;
}

export default function WorkbenchPage() {
  const t = useT();
  const label = useLabel();
  const { principal } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const queue = useQueue(filters);
  const [selected, setSelected] = useState<Key[]>([]);
  const isShop = principal?.kind === 'shop';
  const wide = Grid.useBreakpoint().md ?? true;
  const [showFilters, setShowFilters] = useState(false);
  const navigate = useNavigate();
  // Issue 16: the keyboard's current row and the help overlay ('?').
  const [activeId, setActiveId] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const activeIndex = queue.rows.findIndex((r) => r.id === activeId);
  const openCase = (id: string, agree: boolean) => navigate(`/cases/${encodeURIComponent(id)}${agree ? '?do=agree' : ''}`);
  useQueueKeys(
    {
      move: (by) => {
        if (queue.rows.length === 0) return;
        const next = queue.rows[Math.min(queue.rows.length - 1, Math.max(0, activeIndex < 0 ? 0 : activeIndex + by))]!;
        setActiveId(next.id);
        document.querySelector(`[data-testid="queue-row-${CSS.escape(next.id)}"]`)?.scrollIntoView({ block: 'nearest' });
      },
      open: (agree) => {
        if (activeId && activeIndex >= 0) openCase(activeId, agree);
      },
      select: () => {
        const r = queue.rows[activeIndex];
        if (!isShop || !r || r.status !== 'requested') return;
        setSelected((s) => (s.includes(r.id) ? s.filter((k) => k !== r.id) : [...s, r.id]));
      },
      search: () => document.getElementById('filter-q')?.focus(),
      reload: queue.reload,
      help: () => setHelp(true),
    },
    !help,
  );

  // Counts by status of what is loaded, in the order of the lifecycle (SPEC §4).
  const counts = CASE_STATUSES.map((s) => ({ s, n: queue.rows.filter((r) => r.status === s).length })).filter((x) => x.n > 0);
  const setFilters = (f: QueueFilters) => {
    setSelected([]);
    setParams(paramsOf(f), { replace: true });
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('wb.title')}
          {principal?.kind === 'shop' && <Typography.Text type="secondary"> · {principal.shop}</Typography.Text>}
        </Typography.Title>
        <Flex gap={8}>
          {!wide && (
            // On a phone the filters fold away, so the queue is what the first screen shows.
            <Button icon={<FilterOutlined />} aria-expanded={showFilters} onClick={() => setShowFilters((v) => !v)} data-testid="filters-toggle">
              {t('wb.filters', { n: Object.keys(paramsOf(filters)).length })}
            </Button>
          )}
          <Button icon={<QuestionCircleOutlined />} onClick={() => setHelp(true)} data-testid="keys-help-open" aria-label={t('wd.keys.title')}>
            {wide ? t('wd.keys.short') : null}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={queue.reload} loading={queue.loading} data-testid="queue-refresh">
            {t('common.refresh')}
          </Button>
        </Flex>
      </Flex>
      {wide || showFilters ? (
        <Card size="small">
          <QueueFilterBar value={filters} onChange={setFilters} />
          <Flex gap={8} wrap justify="space-between">
            <SavedFilters key={principal?.kind === 'shop' ? principal.shop : 'platform'} who={principal?.kind === 'shop' ? principal.shop : 'platform'} current={filters} onApply={setFilters} />
            <Flex gap={8} wrap>
              {principal?.kind === 'shop' && <PresetEditor shop={principal.shop} />}
              <ExportButtons filters={filters} />
            </Flex>
          </Flex>
        </Card>
      ) : null}
      <KeysHelp open={help} onClose={() => setHelp(false)} />
      <Flex gap={8} wrap align="center" data-testid="queue-summary" aria-label={t('wb.summary')}>
        <Typography.Text strong>{t('wb.loaded', { n: queue.rows.length })}</Typography.Text>
        {counts.map(({ s, n }) => (
          <Tag key={s} color={statusColor(s)} data-testid={`count-${s}`}>
            {label('status', s)} {n}
          </Tag>
        ))}
      </Flex>
      <Suspense fallback={null}>
        <DeadlineChart rows={queue.rows} />
      </Suspense>
      {queue.error && <Alert type="error" showIcon role="alert" title={queue.error.message} data-testid="queue-error" />}
      {isShop && principal?.kind === 'shop' && (
        <BatchActions
          shop={principal.shop}
          selected={selected}
          needsAddress={queue.rows.some((r) => selected.includes(r.id) && returnsGoods(r.type))}
          onDone={() => {
            setSelected([]);
            queue.reload();
          }}
        />
      )}
      <QueueTable
        rows={queue.rows}
        loading={queue.loading}
        showShop={!isShop}
        selection={isShop ? { selected, onSelect: setSelected } : undefined}
        activeId={activeId}
        // Issue 16: a search or filter that finds nothing is not an empty queue.
        emptyText={isNarrowed(filters) ? t('wd.noMatch') : t('wb.empty')}
      />
      {queue.hasMore && (
        <Flex justify="center">
          <Button onClick={queue.loadMore} loading={queue.loading} data-testid="load-more">
            {t('wb.loadMore')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
