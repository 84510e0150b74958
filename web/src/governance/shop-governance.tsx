// A shop's governance (SPEC §8.2–§8.3): this year's points against the thresholds, the shop's
// status and its sanctions with their ends, the deposit against what is required (a shortfall and
// its top-up deadline stand out), the top-up form and the ledger. The platform may reopen a
// closed shop.
import { Alert, App, Button, Card, Col, Flex, Form, Grid, InputNumber, Popconfirm, Progress, Row, Space, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, isoMinutes, money } from '../api.ts';
import { useNow } from '../components/countdown.tsx';
import { useLabel, useLang } from '../i18n/index.tsx';
import { ShopStatusTag } from './complaint-tags.tsx';
import { depositPercent, depositState, isRunning, nextThreshold, pointsPercent, thresholdSteps, yuanToFen } from './rules.ts';
import type { LedgerEntry, ShopGovernance, Threshold } from './types.ts';

const { Text } = Typography;

function useSanctionWords() {
  const { t } = useLang();
  return (th: Threshold) => (th.sanction === 'closure' ? t('gov.points.closure') : t('gov.points.restrictDays', { days: th.days ?? 0 }));
}

function PointsCard({ g }: { g: ShopGovernance }) {
  const { t } = useLang();
  const words = useSanctionWords();
  const steps = thresholdSteps(g.points, g.thresholds);
  const next = nextThreshold(g.points, g.thresholds);
  const current = steps.filter((s) => s.reached).length;
  // Four steps side by side need more than a phone's width: on a phone they stack.
  const wide = Grid.useBreakpoint().sm ?? true;
  return (
    <Card size="small" title={t('gov.points.title', { year: g.year })} data-testid="gov-points">
      <Flex vertical gap={12}>
        <Flex gap={16} wrap align="baseline">
          <Statistic value={g.points} suffix={t('gov.points.unit')} styles={{ content: { color: current > 0 ? '#cf1322' : undefined } }} />
          <Text type={next ? undefined : 'danger'} data-testid="gov-points-next">
            {next ? t('gov.points.next', { n: next.points - g.points, what: words(next) }) : t('gov.points.past')}
          </Text>
        </Flex>
        <Progress percent={pointsPercent(g.points, g.thresholds)} showInfo={false} status={current > 0 ? 'exception' : 'normal'} aria-label={t('gov.points.value', { n: g.points })} />
        <Steps
          size="small"
          orientation={wide ? 'horizontal' : 'vertical'}
          current={current - 1}
          status={current > 0 ? 'error' : 'wait'}
          className="gov-steps"
          items={steps.map((s) => ({ title: t('gov.points.step', { n: s.points }), content: words(s), status: s.reached ? 'error' : 'wait' }))}
        />
        <Text type="secondary" style={{ fontSize: 13 }}>
          {t('gov.points.hint')}
        </Text>
      </Flex>
    </Card>
  );
}

function StatusCard({ g, canReopen, onChange }: { g: ShopGovernance; canReopen: boolean; onChange: (g: ShopGovernance) => void }) {
  const { t } = useLang();
  const label = useLabel();
  const now = useNow(30_000);
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const reopen = async () => {
    setError(null);
    try {
      onChange(await api<ShopGovernance>(`/v1/shops/${encodeURIComponent(g.shop)}/reopen`, { body: {} }));
      message.success(t('gov.status.reopened'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const sanctions = [...g.sanctions].reverse();
  return (
    <Card size="small" title={t('gov.status.title')} data-testid="gov-status" extra={<ShopStatusTag status={g.status} />}>
      <Flex vertical gap={8}>
        {g.restricted_until && (
          <Alert type="warning" showIcon title={t('gov.status.until', { time: isoMinutes(g.restricted_until) })} data-testid="gov-restricted-until" />
        )}
        <Text type="secondary">{t('gov.status.openComplaints', { n: g.open_complaints })}</Text>
        <Text strong>{t('gov.status.sanctions')}</Text>
        {sanctions.length === 0 && <Text type="secondary">{t('gov.status.noSanctions')}</Text>}
        <ul className="arb-list" data-testid="gov-sanctions">
          {sanctions.map((s, i) => {
            const running = isRunning(s, now);
            return (
              <li key={i} data-testid={running ? 'sanction-running' : 'sanction-ended'}>
                <Flex gap={8} wrap align="center">
                  <Text strong>{label('sanction', s.kind)}</Text>
                  {s.threshold !== null && <Text type="secondary">{t('gov.status.threshold', { n: s.threshold })}</Text>}
                  <Tag color={running ? 'red' : 'default'}>{running ? t('gov.status.running') : t('gov.status.ended')}</Tag>
                </Flex>
                <Text type="secondary" style={{ fontSize: 13 }}>
                  {t('gov.status.from')} {isoMinutes(s.from)} · {t('gov.status.end')}{' '}
                  {s.ended_at ? isoMinutes(s.ended_at) : s.until ? isoMinutes(s.until) : t('gov.status.noEnd')}
                </Text>
              </li>
            );
          })}
        </ul>
        {canReopen && g.status === 'closed' && (
          <Popconfirm title={t('gov.status.reopenConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => void reopen()}>
            <Button type="primary" data-testid="gov-reopen" style={{ alignSelf: 'flex-start' }}>
              {t('gov.status.reopen')}
            </Button>
          </Popconfirm>
        )}
        {error && <Alert type="error" role="alert" showIcon title={error} />}
      </Flex>
    </Card>
  );
}

function DepositCard({ g, canTopUp, onChange }: { g: ShopGovernance; canTopUp: boolean; onChange: (g: ShopGovernance) => void }) {
  const { t } = useLang();
  const now = useNow(30_000);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount?: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = g.deposit;
  const state = depositState(d, now);
  const topUp = async ({ amount }: { amount?: number }) => {
    const fen = yuanToFen(amount);
    if (fen === null) return;
    setBusy(true);
    setError(null);
    try {
      onChange(await api<ShopGovernance>(`/v1/shops/${encodeURIComponent(g.shop)}/deposit/topup`, { body: { amount: fen } }));
      message.success(t('gov.deposit.toppedUp', { amount: money(fen) }));
      form.resetFields();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('gov.deposit.title')} data-testid="gov-deposit">
      <Flex vertical gap={12}>
        <Row gutter={[16, 8]}>
          <Col xs={12}>
            <Statistic title={t('gov.deposit.balance')} value={money(d.balance)} styles={{ content: { color: state === 'ok' ? undefined : '#cf1322' } }} data-testid="deposit-balance" />
          </Col>
          <Col xs={12}>
            <Statistic title={t('gov.deposit.required')} value={money(d.required)} data-testid="deposit-required" />
          </Col>
        </Row>
        <Progress percent={depositPercent(d)} status={state === 'ok' ? 'success' : 'exception'} aria-label={`${t('gov.deposit.balance')} ${money(d.balance)} / ${money(d.required)}`} />
        {state === 'ok' ? (
          <Text type="success">{t('gov.deposit.enough')}</Text>
        ) : (
          <Alert
            type={state === 'overdue' ? 'error' : 'warning'}
            showIcon
            data-testid="deposit-shortfall"
            title={t('gov.deposit.shortfall', { amount: money(d.shortfall) })}
            description={state === 'overdue' ? t('gov.deposit.overdue') : d.topup_due_at ? t('gov.deposit.dueBy', { time: isoMinutes(d.topup_due_at) }) : undefined}
          />
        )}
        {canTopUp && (
          <Form form={form} name="topup" layout="inline" onFinish={(v) => void topUp(v)} data-testid="topup-form" style={{ rowGap: 8 }} requiredMark={false}>
            <Form.Item
              name="amount"
              label={t('gov.deposit.amount')}
              rules={[{ validator: (_, v: number | undefined) => (yuanToFen(v) === null ? Promise.reject(new Error(t('gov.deposit.amountInvalid'))) : Promise.resolve()) }]}
            >
              <InputNumber min={0} step={100} precision={2} data-testid="topup-amount" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="topup-submit">
                {t('gov.deposit.topupSubmit')}
              </Button>
            </Form.Item>
          </Form>
        )}
        {error && <Alert type="error" role="alert" showIcon title={error} data-testid="refusal" />}
      </Flex>
    </Card>
  );
}

function Ledger({ shop, version }: { shop: string; version: number }) {
  const { t, lang } = useLang();
  const label = useLabel();
  const [rows, setRows] = useState<LedgerEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<{ data: LedgerEntry[] }>(`/v1/shops/${encodeURIComponent(shop)}/deposit/ledger`)
      .then((r) => live && setRows([...r.data].reverse()))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [shop, version, lang]);
  return (
    <Card size="small" title={t('gov.ledger.title')} data-testid="gov-ledger">
      {error && <Alert type="error" role="alert" showIcon title={error} />}
      <Table<LedgerEntry>
        size="small"
        rowKey={(r, i) => `${r.at}-${i}`}
        loading={!rows && !error}
        dataSource={rows ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('gov.ledger.empty') }}
        columns={[
          { key: 'at', title: t('gov.ledger.at'), render: (_, r) => isoMinutes(r.at) },
          { key: 'kind', title: t('gov.ledger.kind'), render: (_, r) => label('ledger', r.reason ?? r.kind) },
          {
            key: 'amount',
            title: t('gov.ledger.amount'),
            align: 'right',
            render: (_, r) => <Text type={r.kind === 'topup' ? 'success' : 'danger'}>{`${r.kind === 'topup' ? '+' : '−'}${money(Math.abs(r.amount))}`}</Text>,
          },
          { key: 'balance', title: t('gov.ledger.balance'), align: 'right', render: (_, r) => money(r.balance_after) },
          { key: 'ref', title: t('gov.ledger.ref'), render: (_, r) => <Text type="secondary">{r.ref ?? '—'}</Text> },
        ]}
      />
    </Card>
  );
}

export function ShopGovernancePanel({ shop, canTopUp, canReopen }: { shop: string; canTopUp: boolean; canReopen: boolean }) {
  const { t, lang } = useLang();
  const [g, setG] = useState<ShopGovernance | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Each change (a top-up, a reopening) reads the ledger again.
  const [version, setVersion] = useState(0);
  const changed = useCallback((next: ShopGovernance) => {
    setG(next);
    setVersion((v) => v + 1);
  }, []);
  useEffect(() => {
    let live = true;
    api<ShopGovernance>(`/v1/shops/${encodeURIComponent(shop)}/governance`)
      .then((x) => live && setG(x))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [shop, lang]);
  if (error) return <Alert type="error" role="alert" showIcon title={error} />;
  if (!g) return <Card loading aria-label={t('common.loading')} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="shop-governance">
      <PointsCard g={g} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <StatusCard g={g} canReopen={canReopen} onChange={changed} />
        </Col>
        <Col xs={24} lg={12}>
          <DepositCard g={g} canTopUp={canTopUp} onChange={changed} />
        </Col>
      </Row>
      <Ledger shop={shop} version={version} />
    </Space>
  );
}
