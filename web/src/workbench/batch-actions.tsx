// Batch actions on the selected cases (issue 16: beyond agree) — agree (with a return address when
// goods come back), reject with a reason (the shop's presets, or typed), or a refund offer — after
// ONE confirmation naming the action, the count and the amount in words. Each case is sent in turn
// (one refusal does not stop the rest); then how many went through and, per refusal, which and why.
import { currencySymbol } from '../market.ts';
import { Alert, AutoComplete, Button, Flex, Input, InputNumber, Popconfirm, Select, type ButtonProps } from 'antd';
import { useState, type Key } from 'react';
import { api, money } from '../api.ts';
import { lastReturnAddress, rememberReturnAddress } from '../case/return-address.ts';
import { fenInChinese, fenInEnglish, hasAtMostFen } from '../case/amount-words.ts';
import { toFen } from '../case/codes.ts';
import { usePresets } from '../case/reason-presets.tsx';
import { useLang, useT } from '../i18n/index.tsx';

interface Outcome {
  action: BatchAction;
  ok: number;
  refused: { id: string; message: string }[];
}

export const BATCH_ACTIONS = ['agree', 'reject', 'offer'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];

interface Props {
  shop: string;
  selected: Key[];
  /** Some selected case sends goods back, so an agree carries a return address. */
  needsAddress: boolean;
  onDone: () => void;
}

export function BatchActions({ shop, selected, needsAddress, onDone }: Props) {
  const t = useT();
  const { lang } = useLang();
  const [action, setAction] = useState<BatchAction>('agree');
  const [address, setAddress] = useState(lastReturnAddress);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const presets = usePresets(shop, 'reject');

  const amountOk = amount !== null && amount > 0 && hasAtMostFen(amount);
  const ready = selected.length > 0 && (action === 'agree' ? !needsAddress || !!address.trim() : action === 'reject' ? !!reason.trim() : amountOk);
  const bodyOf = (): object =>
    action === 'agree' ? (needsAddress ? { return_address: address.trim() } : {}) : action === 'reject' ? { reason: reason.trim() } : { type: 'refund_only', amount: toFen(amount) };
  const fen = toFen(amount) ?? 0;
  const question =
    action === 'offer'
      ? t('wd.batch.confirmOffer', { n: selected.length, amount: money(fen), words: lang === 'zh' ? fenInChinese(fen) : fenInEnglish(fen) })
      : action === 'reject'
        ? t('wd.batch.confirmReject', { n: selected.length, reason: reason.trim() })
        : t('wb.batch.confirm', { n: selected.length });

  const run = async () => {
    setBusy(true);
    const result: Outcome = { action, ok: 0, refused: [] };
    const body = bodyOf();
    for (const key of selected) {
      const id = String(key);
      try {
        await api(`/v1/cases/${encodeURIComponent(id)}/${action}`, { body });
        result.ok++;
      } catch (e) {
        result.refused.push({ id, message: e instanceof Error ? e.message : String(e) });
      }
    }
    if (action === 'agree' && needsAddress && result.ok > 0) rememberReturnAddress(address);
    setOutcome(result);
    setBusy(false);
    onDone();
  };

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap align="center">
        <Select
          aria-label={t('wd.batch.action')}
          data-testid="batch-action"
          value={action}
          onChange={(a: BatchAction) => setAction(a)}
          options={BATCH_ACTIONS.map((a) => ({ value: a, label: t(`wd.batch.${a}`) }))}
          style={{ width: 140 }}
        />
        {action === 'agree' && needsAddress && (
          <Input
            aria-label={t('wb.batch.address')}
            placeholder={t('wb.batch.address')}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            maxLength={500}
            style={{ flex: '1 1 260px', maxWidth: 480 }}
            data-testid="batch-address"
          />
        )}
        {action === 'reject' && (
          <AutoComplete
            aria-label={t('case.form.rejectReason')}
            data-testid="batch-reason"
            placeholder={t('case.form.rejectReason')}
            value={reason}
            onChange={(v: string) => setReason(v)}
            options={presets.map((p) => ({ value: p, label: <span data-testid="batch-preset">{p}</span> }))}
            filterOption={false}
            style={{ flex: '1 1 260px', maxWidth: 480 }}
          />
        )}
        {action === 'offer' && (
          <InputNumber
            aria-label={t('wd.batch.amount')}
            placeholder={t('wd.batch.amount')}
            data-testid="batch-amount"
            min={0}
            step={0.01}
            prefix={currencySymbol()}
            value={amount}
            onChange={(v) => setAmount(v)}
            status={amount !== null && !hasAtMostFen(amount) ? 'error' : undefined}
            style={{ width: 200 }}
          />
        )}
        <Popconfirm
          title={<span data-testid="batch-question">{question}</span>}
          onConfirm={() => void run()}
          okButtonProps={{ 'data-testid': `batch-${action}-confirm` } as ButtonProps}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
        >
          <Button type="primary" danger={action === 'reject'} disabled={!ready} loading={busy} data-testid={`batch-${action}`}>
            {t(`wd.batch.run.${action}`, { n: selected.length })}
          </Button>
        </Popconfirm>
        {outcome && <Alert type={outcome.ok > 0 ? 'success' : 'warning'} showIcon title={t(outcome.action === 'agree' ? 'wb.batch.ok' : 'wd.batch.done', { n: outcome.ok })} data-testid="batch-result" />}
      </Flex>
      {action === 'offer' && amount !== null && !hasAtMostFen(amount) && <Alert type="error" showIcon title={t('wd.amount.fen')} data-testid="batch-amount-error" />}
      {outcome && outcome.refused.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="refusal"
          title={t('wb.batch.refused', { n: outcome.refused.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {outcome.refused.map((r) => (
                <li key={r.id} data-testid={`refusal-${r.id}`}>
                  {r.id}: {r.message}
                </li>
              ))}
            </ul>
          }
          closable={{ onClose: () => setOutcome(null) }}
        />
      )}
    </Flex>
  );
}
