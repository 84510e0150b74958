// Batch agree: sends `agree` to each selected case in turn (one refusal does not stop the rest),
// then says how many went through and, for each refusal, which case and why, next to the button.
import { Alert, Button, Flex } from 'antd';
import { useState, type Key } from 'react';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n/index.tsx';

interface Outcome {
  ok: number;
  refused: { id: string; message: string; code: string }[];
}

export function BatchAgree({ selected, onDone }: { selected: Key[]; onDone: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async () => {
    setBusy(true);
    const result: Outcome = { ok: 0, refused: [] };
    for (const key of selected) {
      const id = String(key);
      try {
        await api(`/v1/cases/${encodeURIComponent(id)}/agree`, { body: {} });
        result.ok++;
      } catch (e) {
        result.refused.push({ id, message: e instanceof ApiError ? e.message : String(e), code: e instanceof ApiError ? e.code : 'network' });
      }
    }
    setOutcome(result);
    setBusy(false);
    onDone();
  };

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap align="center">
        <Button type="primary" disabled={selected.length === 0} loading={busy} onClick={() => void run()} data-testid="batch-agree">
          {t('wb.batch.agree', { n: selected.length })}
        </Button>
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
                  {r.id}: {r.message} ({r.code})
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
