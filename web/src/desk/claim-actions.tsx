// On a logistics ticket, the merchant's carrier claim (SPEC §10.1): claim for a lost or damaged
// parcel (at most what the buyer paid), then record what the carrier paid back.
import { Button, Flex, Input, InputNumber, Radio } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import type { TicketDetail } from '../../../src/contract/index.ts';

export function ClaimActions({ ticket, act }: { ticket: TicketDetail; act: (command: string, body: unknown) => Promise<void> }) {
  const t = useT();
  const [kind, setKind] = useState<'lost' | 'damaged'>('lost');
  const [yuan, setYuan] = useState<number | null>(null);
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const fen = yuan === null ? null : Math.round(yuan * 100);
  if (ticket.actions.includes('settle_carrier_claim')) {
    return (
      <Flex gap={8} wrap align="center" data-testid="claim-settle">
        <InputNumber aria-label={t('desk.claimRecovered')} placeholder={t('desk.claimRecovered')} min={0} precision={2} value={yuan} onChange={(v) => setYuan(v)} />
        <Button disabled={fen === null} onClick={() => void act('settle_carrier_claim', { amount: fen })}>
          {t('desk.settleClaim')}
        </Button>
      </Flex>
    );
  }
  if (!ticket.actions.includes('claim_carrier')) return null;
  return (
    <Flex gap={8} wrap align="center" data-testid="claim-carrier">
      <Radio.Group aria-label={t('desk.claimKind')} value={kind} onChange={(e) => setKind(e.target.value as 'lost' | 'damaged')}>
        <Radio.Button value="lost">{t('desk.claim.lost')}</Radio.Button>
        <Radio.Button value="damaged">{t('desk.claim.damaged')}</Radio.Button>
      </Radio.Group>
      <InputNumber aria-label={t('desk.claimAmount')} placeholder={t('desk.claimAmount')} min={0.01} precision={2} value={yuan} onChange={(v) => setYuan(v)} />
      <Input aria-label={t('desk.carrier')} placeholder={t('desk.carrier')} style={{ width: 100 }} value={carrier} onChange={(e) => setCarrier(e.target.value)} />
      <Input aria-label={t('desk.tracking')} placeholder={t('desk.tracking')} style={{ width: 160 }} value={tracking} onChange={(e) => setTracking(e.target.value)} />
      <Button disabled={fen === null} onClick={() => void act('claim_carrier', { kind, amount: fen, ...(carrier ? { carrier } : {}), ...(tracking ? { tracking } : {}) })}>
        {t('desk.claimCarrier')}
      </Button>
    </Flex>
  );
}
