// One claim (SPEC §13) beside the claims list: what it was counted from, both sides' evidence, the
// money it moved (ledger), and the forms of the commands the API lists in `actions` — the seller
// refunds or contests and appeals, the platform rules and decides the appeal.
import { Alert, Button, Descriptions, Drawer, Flex, Input, Radio, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, isoMinutes } from '../api.ts';
import { useLang, useT } from '../i18n/index.tsx';
import type { ClaimDetail } from '../../../src/contract/index.ts';

type Action = ClaimDetail['actions'][number];
const OUTCOMES: Record<ClaimDetail['kind'], string[]> = {
  atoz_claim: ['granted_against_seller', 'granted_platform_funded', 'denied'],
  safet_claim: ['reimbursed', 'denied'],
};

/** Minor units in the claim's currency (cents, fen), as the caller's language writes money. */
export function money(amount: number, currency: string, lang: 'zh' | 'en'): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { style: 'currency', currency }).format(amount / 100);
}

function ActionForm({ c, action, onDone }: { c: ClaimDetail; action: Action; onDone: (c: ClaimDetail) => void }) {
  const t = useT();
  const [choice, setChoice] = useState<string>(action === 'respond_claim' ? 'contest' : action === 'rule_claim' ? OUTCOMES[c.kind][0]! : 'upheld');
  const [text, setText] = useState('');
  const [proof, setProof] = useState({ kind: 'delivery_receipt', description: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const evidence = proof.description.trim() ? [{ kind: proof.kind, description: proof.description.trim() }] : [];
  const body: Record<string, unknown> =
    action === 'respond_claim'
      ? { response: choice, evidence, ...(text ? { note: text } : {}) }
      : action === 'appeal_claim'
        ? { reason: text, evidence }
        : action === 'withdraw_claim'
          ? {}
          : { outcome: choice, ...(text ? { note: text } : {}) };
  const choices = action === 'respond_claim' ? ['refund', 'contest'] : action === 'rule_claim' ? OUTCOMES[c.kind] : action === 'rule_claim_appeal' ? ['upheld', 'denied'] : [];
  const wantsEvidence = action === 'respond_claim' || action === 'appeal_claim';
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api<ClaimDetail>(`/v1/claims/${encodeURIComponent(c.id)}/${action}`, { body }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={8} data-testid={`claim-form-${action}`} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 12 }}>
      <Typography.Text strong>{t(`claims.action.${action}`)}</Typography.Text>
      {choices.length > 0 && <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as string)} options={choices.map((v) => ({ value: v, label: t(`claims.choice.${v}`) }))} />}
      {action !== 'withdraw_claim' && <Input.TextArea rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder={t(action === 'appeal_claim' ? 'claims.field.reason' : 'claims.field.note')} />}
      {wantsEvidence && (
        <Flex gap={8}>
          <Select
            style={{ width: 180 }}
            value={proof.kind}
            onChange={(kind) => setProof({ ...proof, kind })}
            options={['delivery_receipt', 'photo', 'shipping_receipt', 'other'].map((k) => ({ value: k, label: t(`claims.evidence.${k}`) }))}
          />
          <Input value={proof.description} onChange={(e) => setProof({ ...proof, description: e.target.value })} placeholder={t('claims.field.evidence')} />
        </Flex>
      )}
      {error && <Alert type="error" role="alert" showIcon title={error} />}
      <Button type="primary" loading={busy} onClick={() => void send()} style={{ alignSelf: 'flex-start' }}>
        {t('claims.send')}
      </Button>
    </Flex>
  );
}

export function ClaimDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [c, setC] = useState<ClaimDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setC(null);
    setError(null);
    if (id) api<ClaimDetail>(`/v1/claims/${encodeURIComponent(id)}`).then(setC, (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [id, lang]);
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={c ? `${c.kind_label} ${c.id}` : id} data-testid="claim-drawer">
      {error && <Alert type="error" role="alert" showIcon title={error} />}
      {!c && !error && <Spin />}
      {c && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('claims.col.status')}>{c.status_label}{c.seller_silent ? ` · ${t('claims.sellerSilent')}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('claims.col.reason')}>{c.reason_label}</Descriptions.Item>
            <Descriptions.Item label={t('claims.col.amount')}>{money(c.amount, c.currency, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('claims.col.order')}>{`${c.shop} · ${c.order}${c.case ? ` · ${c.case}` : ''}`}</Descriptions.Item>
            <Descriptions.Item label={t('claims.basis')}>{`${t(`claims.basis.${c.basis.kind}`)} ${isoMinutes(c.basis.at)}`}</Descriptions.Item>
            {c.deadline && <Descriptions.Item label={t('claims.col.deadline')}>{isoMinutes(c.deadline.due_at)}</Descriptions.Item>}
            {c.appeal && <Descriptions.Item label={t('claims.appeal')}>{c.appeal.reason}</Descriptions.Item>}
          </Descriptions>
          {c.evidence.length > 0 && (
            <ul style={{ margin: 0 }}>
              {c.evidence.map((e, i) => (
                <li key={i}>{`${t(`claims.party.${e.party}`)} · ${e.description ?? e.kind} · ${isoMinutes(e.at)}`}</li>
              ))}
            </ul>
          )}
          {c.ledger.length > 0 && (
            <Flex vertical gap={4} data-testid="claim-ledger">
              <Typography.Text strong>{t('claims.ledger')}</Typography.Text>
              {c.ledger.map((l, i) => (
                <Typography.Text key={i}>{`${l.label}: ${money(l.amount, l.currency, lang)} · ${isoMinutes(l.at)}`}</Typography.Text>
              ))}
            </Flex>
          )}
          {c.actions.map((a) => (
            <ActionForm
              key={`${c.status}-${a}`}
              c={c}
              action={a}
              onDone={(next) => {
                setC(next);
                onChanged();
              }}
            />
          ))}
        </Flex>
      )}
    </Drawer>
  );
}
