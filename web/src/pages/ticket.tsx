// /tickets/:id — one ticket's conversation (SPEC §10.1) for its buyer, its merchant and, once
// escalated, the platform: the messages, the reply box (a merchant's with quick replies filled
// in), and what the caller may do now (the API's `actions`): resolve, reopen, rate.
import { Alert, Button, Card, Flex, Rate, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, ApiError, uploadTicketAttachment } from '../api.ts';
import { BackLink } from '../components/back-link.tsx';
import { MessageList, ReplyBox } from '../desk/conversation.tsx';
import { ClaimActions } from '../desk/claim-actions.tsx';
import { useLang } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import type { TicketDetail } from '../../../src/contract/index.ts';

export default function TicketPage() {
  const { id = '' } = useParams();
  const { t, lang } = useLang();
  const { principal } = useSession();
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const path = `/v1/tickets/${encodeURIComponent(id)}`;
  const load = useCallback(async () => {
    try {
      setTicket(await api<TicketDetail>(path));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, [path]);
  useEffect(() => {
    void load();
  }, [load, lang]);
  const act = async (command: string, body: unknown = {}) => {
    try {
      setTicket(await api<TicketDetail>(`${path}/${command}`, { body }));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  if (!ticket) return error ? <Alert type="error" role="alert" showIcon title={error} /> : <Spin aria-label={t('common.loading')} />;
  const me = principal?.kind === 'buyer' ? 'buyer' : principal?.kind === 'shop' ? 'merchant' : 'platform';
  const values = { buyer: ticket.buyer, order: ticket.order ?? '', case: ticket.case ?? '', deadline: ticket.sla_due?.replace('T', ' ').slice(0, 16) ?? '', amount: '' };
  return (
    <Flex vertical gap={12}>
      <BackLink fallback="/tickets" />
      <Card
        data-testid="ticket-detail"
        title={
          <Flex gap={8} wrap align="center">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {ticket.id}
            </Typography.Title>
            <Tag>{ticket.kind_label}</Tag>
            <Tag color={ticket.status === 'open' ? 'blue' : 'default'} data-testid="ticket-status">
              {ticket.status_label}
            </Tag>
            {ticket.escalated && <Tag color="purple">{t('ticket.escalated')}</Tag>}
            {ticket.sla_breaches.map((b) => (
              <Tag key={b.sla + b.at} color="red">
                {b.label} · {t('ticket.breached')}
              </Tag>
            ))}
          </Flex>
        }
      >
        {error && <Alert type="error" role="alert" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Typography.Title level={5}>{t('ticket.conversation')}</Typography.Title>
        <MessageList messages={ticket.messages} me={me} testid="ticket-messages" />
        {ticket.actions.includes('reply') && (
          <div style={{ marginTop: 12 }}>
            <ReplyBox
              onSend={async (text, attachments) => {
                setTicket(await api<TicketDetail>(`${path}/reply`, { body: { message: text, ...(attachments.length ? { attachments } : {}) } }));
              }}
              upload={(file, kind) => uploadTicketAttachment(ticket.id, file, kind)}
              placeholder={t('ticket.replyPlaceholder')}
              shop={me === 'merchant' ? ticket.shop : undefined}
              values={values}
              testid="ticket-reply"
            />
          </div>
        )}
        <div style={{ marginTop: 12 }}>
          <ClaimActions ticket={ticket} act={act} />
        </div>
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          {ticket.actions.includes('resolve') && (
            <Button data-testid="ticket-resolve" onClick={() => void act('resolve')}>
              {t('ticket.resolve')}
            </Button>
          )}
          {ticket.actions.includes('reopen') && (
            <Button data-testid="ticket-reopen" onClick={() => void act('reopen')}>
              {t('ticket.reopen')}
            </Button>
          )}
          {ticket.actions.includes('rate') && (
            <Flex gap={8} align="center">
              <Typography.Text>{t('ticket.rate')}</Typography.Text>
              <Rate aria-label={t('ticket.csat')} data-testid="ticket-rate" onChange={(v) => void act('rate', { csat: v })} />
            </Flex>
          )}
          {ticket.csat !== null && (
            <Typography.Text data-testid="ticket-csat">
              {t('ticket.csat')}: <Rate disabled value={ticket.csat} />
            </Typography.Text>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
