// The buyer's 联系商家 on an order (SPEC §10.1): opens a ticket to the shop about the order and
// goes to its conversation. (On a case page the case's own conversation is the way to write.)
import { Button, Input, Modal, Radio, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import { TICKET_KINDS, type TicketDetail } from '../../../src/contract/index.ts';

export function ContactMerchant({ shop, order }: { shop: string; order: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<string>('consultation');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      const created = await api<TicketDetail>('/v1/tickets', { body: { shop, order, kind, message } });
      navigate(`/tickets/${encodeURIComponent(created.id)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <>
      <Button data-testid="contact-merchant" onClick={() => setOpen(true)} style={{ alignSelf: 'flex-start' }}>
        {t('desk.contact')}
      </Button>
      <Modal
        open={open}
        title={t('desk.contactTitle')}
        onCancel={() => setOpen(false)}
        footer={
          <Button type="primary" data-testid="contact-submit" disabled={message.trim() === ''} onClick={() => void submit()}>
            {t('ticket.send')}
          </Button>
        }
      >
        <Flex vertical gap={12}>
          <Radio.Group aria-label={t('desk.contactKind')} value={kind} onChange={(e) => setKind(e.target.value as string)} data-testid="contact-kind">
            {TICKET_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                {t(`ticket.kind.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
          <Input.TextArea aria-label={t('desk.contactMessage')} data-testid="contact-message" rows={3} maxLength={2000} value={message} onChange={(e) => setMessage(e.target.value)} />
          {error && (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          )}
        </Flex>
      </Modal>
    </>
  );
}
