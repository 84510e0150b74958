// SPEC §10.3 on the merchant's case page: the remedies ranked by what they cost the merchant, what
// each is made of, the one the rules would grant anyway, and one click to offer it.
import { Alert, App, Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseSuggestions, Suggestion } from '../../../src/contract/index.ts';
import { api, ApiError, money } from '../api.ts';
import { useLang } from '../i18n/index.tsx';

export function Suggestions({ caseId, version, onDone }: { caseId: string; version: number; onDone: () => void }) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [s, setS] = useState<CaseSuggestions | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<CaseSuggestions>(`/v1/cases/${encodeURIComponent(caseId)}/suggestions`)
      .then((x) => live && setS(x))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [caseId, version]);
  if (!s || s.suggestions.length === 0) return null;
  const offer = async (x: Suggestion) => {
    try {
      await api(`/v1/cases/${encodeURIComponent(caseId)}/offer`, { body: x.offer });
      message.success(t('suggest.offered'));
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card size="small" title={t('suggest.title')} data-testid="suggestions">
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} />}
      <List
        dataSource={s.suggestions}
        renderItem={(x, i) => (
          <List.Item
            data-testid={`suggestion-${i}`}
            actions={x.offer ? [<Button key="offer" size="small" data-testid={`suggestion-offer-${i}`} onClick={() => void offer(x)}>{t('suggest.offer')}</Button>] : []}
          >
            <Flex vertical gap={2}>
              <span>
                <Typography.Text strong>{t(`suggest.remedy.${x.remedy}`, { pct: x.pct ?? 0 })}</Typography.Text>
                {x.offer && x.offer.amount > 0 ? ` · ${money(x.offer.amount)}` : ''}
                {x.granted_by_rule && <Tag style={{ marginLeft: 8 }}>{t('suggest.byRule', { rule: x.granted_by_rule })}</Tag>}
              </span>
              <Typography.Text>{t('suggest.cost', { total: money(x.cost.total) })}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('suggest.costParts', { refund: money(x.cost.refund), shipping: money(x.cost.shipping), loss: money(x.cost.resale_loss), comp: money(x.cost.compensation), back: money(x.cost.goods_back) })}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
