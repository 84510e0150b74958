// Batch agree: sends `agree` to each selected case in turn (one refusal does not stop the rest),
// then says how many went through and, for each refusal, which case and why, next to the button.
import { Alert, Button, Flex, Input, Popconfirm, type ButtonProps } from 'antd';
import { useState, type Key } from 'react';
import { api } from '../api.ts';
import { lastReturnAddress, rememberReturnAddress } from '../case/return-address.ts';
import { useT } from '../i18n/index.tsx';

interface Outcome {
  ok: number;
  refused: { id: string; message: string }[];
}

/** `needsAddress`: some selected case sends goods back, so the agree carries a return address. */
export function BatchAgree({ selected, needsAddress, onDone }: { selected: Key[]; needsAddress: boolean; onDone: () => void }) {
  const t = useT();
  const [address, setAddress] = useState(lastReturnAddress);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async () => {
    setBusy(true);
    const result: Outcome = { ok: 0, refused: [] };
    for (const key of selected) {
      const id = String(key);
      try {
        await api(`/v1/cases/${encodeURIComponent(id)}/agree`, { body: needsAddress ? { return_address: address.trim() } : {} });
        result.ok++;
      } catch (e) {
        result.refused.push({ id, message: e instanceof Error ? e.message : String(e) });
      }
    }
    if (needsAddress && result.ok > 0) rememberReturnAddress(address);
    setOutcome(result);
    setBusy(false);
    onDone();
  };

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap align="center">
        {needsAddress && (
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
        {/* Agreeing a refund-only case pays it at once: one confirmation for the whole batch. */}
        <Popconfirm title={t('wb.batch.confirm', { n: selected.length })} onConfirm={() => void run()} okButtonProps={{ 'data-testid': 'batch-agree-confirm' } as ButtonProps} okText={t('common.ok')} cancelText={t('common.cancel')}>
          <Button type="primary" disabled={selected.length === 0 || (needsAddress && !address.trim())} loading={busy} data-testid="batch-agree">
            {t('wb.batch.agree', { n: selected.length })}
          </Button>
        </Popconfirm>
        {outcome && <Alert type={outcome.ok > 0 ? 'success' : 'warning'} showIcon title={t('wb.batch.ok', { n: outcome.ok })} data-testid="batch-result" />}
      </Flex>
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
