// /tickets — the merchant's ticket queue by SLA deadline (SPEC §10.1), urgent and overdue ones
// standing out; the platform's escalated tickets; a buyer's own tickets.
import { Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import { CarrierClaimsCard } from '../desk/carrier-claims.tsx';
import { QuickReplyEditor } from '../desk/quick-reply-editor.tsx';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.ts';
import { useLang } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import type { TicketPage, TicketRow } from '../../../src/contract/index.ts';

/** Due within 4 hours, or already missed: the queue marks it. */
const URGENT_MS = 4 * 3_600_000;

export function urgencyOf(row: Pick<TicketRow, 'sla_due' | 'sla_breaches' | 'status'>, now: number): 'breached' | 'urgent' | null {
  if (row.status !== 'open') return null;
  if (row.sla_breaches.length > 0 || (row.sla_due !== null && Date.parse(row.sla_due) <= now)) return 'breached';
  return row.sla_due !== null && Date.parse(row.sla_due) - now <= URGENT_MS ? 'urgent' : null;
}

export default function TicketsPage() {
  const { t, lang } = useLang();
  const { principal } = useSession();
  const [rows, setRows] = useState<TicketRow[] | null>(null);
  const platform = principal?.kind === 'platform';
  useEffect(() => {
    api<TicketPage>(`/v1/tickets?limit=200${platform ? '&escalated=true' : ''}`).then((p) => setRows(p.data));
  }, [platform, lang]);
  const now = Date.now();
  const title = platform ? t('ticket.escalatedQueue') : principal?.kind === 'buyer' ? t('ticket.mine') : t('ticket.queue');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={principal?.kind === 'shop' ? 16 : 24}>
    <Card title={title}>
      <Table<TicketRow>
        data-testid="ticket-queue"
        rowKey="id"
        size="small"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={false}
        locale={{ emptyText: t('ticket.empty') }}
        scroll={{ x: 720 }}
        rowClassName={(r) => (urgencyOf(r, now) ? `as-ticket-${urgencyOf(r, now)}` : '')}
        columns={[
          { title: t('ticket.id'), dataIndex: 'id', render: (id: string) => <Link to={`/tickets/${encodeURIComponent(id)}`} data-testid="ticket-link">{id}</Link> },
          { title: t('ticket.kind'), dataIndex: 'kind_label' },
          {
            title: t('ticket.status'),
            render: (_: unknown, r) => (
              <Flex gap={4} wrap>
                <Tag>{r.status_label}</Tag>
                {r.escalated && <Tag color="purple">{t('ticket.escalated')}</Tag>}
              </Flex>
            ),
          },
          {
            title: t('ticket.slaDue'),
            render: (_: unknown, r) => {
              const u = urgencyOf(r, now);
              return (
                <Flex gap={4} wrap data-testid="ticket-due" data-urgency={u ?? 'none'}>
                  <span>{r.sla_due ? r.sla_due.replace('T', ' ').slice(0, 16) : t('ticket.noSla')}</span>
                  {u && <Tag color={u === 'breached' ? 'red' : 'orange'}>{t(u === 'breached' ? 'ticket.breached' : 'ticket.urgent')}</Tag>}
                </Flex>
              );
            },
          },
          { title: t('ticket.lastMessage'), render: (_: unknown, r) => <Typography.Text ellipsis style={{ maxWidth: 320 }}>{r.last_message?.text ?? ''}</Typography.Text> },
        ]}
      />
    </Card>
      </Col>
      {principal?.kind === 'shop' && (
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <QuickReplyEditor shop={principal.shop} />
            <CarrierClaimsCard shop={principal.shop} />
          </Flex>
        </Col>
      )}
    </Row>
  );
}
