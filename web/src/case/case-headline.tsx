// Issue 16: the top of a case page — what the reader must do next and by when (a buyer), the
// running deadline (everyone), the merchant's latest refusal and its reason (not only in the
// timeline), and an offer's amount right above the buttons that answer it (on a phone too).
import { Alert, Card, Flex, Typography } from 'antd';
import { isoMinutes, money } from '../api.ts';
import { Countdown } from '../components/countdown.tsx';
import { useLabel, useT } from '../i18n/index.tsx';
import type { CaseDetail } from '../../../src/contract/index.ts';

export function CaseHeadline({ c, role }: { c: CaseDetail; role: 'buyer' | 'shop' | 'platform' | undefined }) {
  const t = useT();
  return (
    <Flex vertical gap={8} data-testid="case-headline">
      {role === 'buyer' && (
        <Alert
          type={c.status === 'rejected' || c.status === 'offer_pending' || c.status === 'awaiting_return' || c.status === 'reship_in_transit' ? 'warning' : 'info'}
          showIcon
          data-testid="buyer-next"
          title={t(`wd.next.${c.status}`)}
          description={c.deadline ? t('wd.next.by', { at: isoMinutes(c.deadline.due) }) : undefined}
        />
      )}
      {c.deadline && (
        <Typography.Text data-testid="running-deadline">
          {t('wd.deadline')}: {isoMinutes(c.deadline.due)} · <Countdown deadline={c.deadline} />
        </Typography.Text>
      )}
      {c.latest_refusal && (
        <Alert
          type="error"
          showIcon
          data-testid="latest-refusal"
          title={t(c.latest_refusal.kind === 'reject' ? 'wd.refusal.reject' : 'wd.refusal.refuse_return', { at: isoMinutes(c.latest_refusal.at) })}
          description={c.latest_refusal.reason}
        />
      )}
    </Flex>
  );
}

/** The offer being answered, large, directly above accept/decline. */
export function OfferBox({ c }: { c: CaseDetail }) {
  const t = useT();
  const label = useLabel();
  if (!c.offer) return null;
  return (
    <Card size="small" data-testid="offer-box" style={{ marginBottom: 8, background: '#fffbe6', borderColor: '#ffe58f' }}>
      <Typography.Text type="secondary">{t('wd.offer.title', { what: label('type', c.offer.type) })}</Typography.Text>
      {c.offer.amount > 0 && (
        <Typography.Title level={3} style={{ margin: '4px 0' }} data-testid="offer-amount">
          {money(c.offer.amount, c.currency)}
        </Typography.Title>
      )}
      {c.offer.buyer_owes > 0 && <Typography.Paragraph style={{ margin: 0 }}>{t('wd.offer.buyerOwes', { amount: money(c.offer.buyer_owes, c.currency) })}</Typography.Paragraph>}
      {c.offer.note && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{c.offer.note}</Typography.Paragraph>}
    </Card>
  );
}
