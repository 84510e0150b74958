// A shop's quick replies (快捷回复, SPEC §10.1): the templates by name, a form to add or change one
// (placeholders {buyer} {order} {case} {deadline} {amount}), and the API's refusal in words — a
// template offering money for a good review (好评返现) is refused.
import { Button, Card, Flex, Input, List, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import { QUICK_REPLY_PLACEHOLDERS, type QuickReplies } from '../../../src/contract/index.ts';

export function QuickReplyEditor({ shop }: { shop: string }) {
  const t = useT();
  const base = `/v1/shops/${encodeURIComponent(shop)}/quick-replies`;
  const [items, setItems] = useState<QuickReplies['data']>([]);
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => setItems((await api<QuickReplies>(base)).data), [base]);
  useEffect(() => {
    void load();
  }, [load]);
  const save = async () => {
    try {
      setItems((await api<QuickReplies>(`${base}/${encodeURIComponent(name.trim())}`, { method: 'PUT', body: { text } })).data);
      setName('');
      setText('');
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const remove = async (n: string) => setItems((await api<QuickReplies>(`${base}/${encodeURIComponent(n)}`, { method: 'DELETE' })).data);
  return (
    <Card size="small" title={t('desk.quickReplies')} data-testid="quick-replies">
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: t('desk.noQuickReplies') }}
        renderItem={(q) => (
          <List.Item actions={[<Button key="del" size="small" type="link" danger aria-label={`${t('desk.delete')} ${q.name}`} onClick={() => void remove(q.name)}>{t('desk.delete')}</Button>]}>
            <List.Item.Meta title={q.name} description={q.text} />
          </List.Item>
        )}
      />
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        <Input aria-label={t('desk.templateName')} placeholder={t('desk.templateName')} data-testid="quick-reply-name" maxLength={40} value={name} onChange={(e) => setName(e.target.value)} />
        <Input.TextArea aria-label={t('desk.templateText')} placeholder={t('desk.templateText')} data-testid="quick-reply-text" rows={3} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('desk.placeholders')}: {QUICK_REPLY_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}
        </Typography.Text>
        {error && (
          <Typography.Text type="danger" role="alert" data-testid="quick-reply-error">
            {error}
          </Typography.Text>
        )}
        <Button data-testid="quick-reply-save" disabled={!name.trim() || !text.trim()} onClick={() => void save()} style={{ alignSelf: 'flex-end' }}>
          {t('desk.saveTemplate')}
        </Button>
      </Flex>
    </Card>
  );
}
