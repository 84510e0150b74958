// A conversation (SPEC §10.1: a ticket's; issue 13: a case's) and the box to write in it. A
// merchant's box offers the shop's quick replies (快捷回复), their placeholders filled in.
import { Button, Empty, Flex, Input, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { AttachmentList, AttachPicker, type Attached } from './attachments.tsx';
import { useT } from '../i18n/index.tsx';
import { fillQuickReply, type QuickReplies } from '../../../src/contract/index.ts';

export interface Message {
  seq: number;
  from: 'buyer' | 'merchant' | 'platform';
  text: string;
  at: string;
  attachments?: { kind: string; description: string | null; sha256: string | null; url: string | null }[];
}

const COLOR = { buyer: 'blue', merchant: 'orange', platform: 'purple' } as const;

export function MessageList({ messages, me, testid }: { messages: Message[]; me: Message['from'] | null; testid: string }) {
  const t = useT();
  if (messages.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.noMessages')} />;
  return (
    <Flex vertical gap={8} data-testid={testid} role="log">
      {messages.map((m) => (
        <Flex key={m.seq} vertical align={m.from === me ? 'flex-end' : 'flex-start'} data-testid={`${testid}-message`} data-from={m.from}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Tag color={COLOR[m.from]}>{t(`ticket.from.${m.from}`)}</Tag>
            {m.at.replace('T', ' ').slice(0, 16)}
          </Typography.Text>
          <div className={`as-bubble as-bubble-${m.from === me ? 'mine' : 'theirs'}`}>{m.text}</div>
          {m.attachments && m.attachments.length > 0 && <AttachmentList items={m.attachments} testid={`${testid}-attachments`} />}
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * The reply box; `shop` (a merchant's) offers that shop's quick replies filled with `values`;
 * `upload` (a ticket's) lets the writer attach files, uploaded as they are picked.
 */
export function ReplyBox({
  onSend,
  placeholder,
  shop,
  values,
  upload,
  testid,
}: {
  onSend: (text: string, attachments: { kind: string; sha256: string }[]) => Promise<void>;
  placeholder: string;
  shop?: string;
  values?: Record<string, string>;
  upload?: (file: File, kind: string) => Promise<{ sha256: string }>;
  testid: string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [attached, setAttached] = useState<Attached[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [templates, setTemplates] = useState<QuickReplies['data']>([]);
  useEffect(() => {
    if (!shop) return;
    api<QuickReplies>(`/v1/shops/${encodeURIComponent(shop)}/quick-replies`)
      .then((r) => setTemplates(r.data))
      .catch(() => setTemplates([]));
  }, [shop]);
  const send = async () => {
    setBusy(true);
    try {
      await onSend(
        text,
        attached.map((a) => ({ kind: a.kind, sha256: a.sha256 })),
      );
      setText('');
      setAttached([]);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={8}>
      {templates.length > 0 && (
        <Select
          aria-label={t('ticket.quickReply')}
          data-testid={`${testid}-quick`}
          placeholder={t('ticket.quickReply')}
          style={{ maxWidth: 320 }}
          value={null}
          options={templates.map((q) => ({ value: q.name, label: q.name }))}
          onChange={(name: string) => setText(fillQuickReply(templates.find((q) => q.name === name)?.text ?? '', values ?? {}))}
        />
      )}
      <Input.TextArea aria-label={placeholder} data-testid={`${testid}-text`} rows={3} maxLength={2000} value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} />
      {upload && <AttachPicker upload={upload} attached={attached} onChange={setAttached} onError={setError} testid={`${testid}-attach`} />}
      {error && (
        <Typography.Text type="danger" role="alert" data-testid={`${testid}-error`}>
          {error}
        </Typography.Text>
      )}
      <Button type="primary" data-testid={`${testid}-send`} loading={busy} disabled={text.trim() === ''} onClick={() => void send()} style={{ alignSelf: 'flex-end' }}>
        {t('ticket.send')}
      </Button>
    </Flex>
  );
}
