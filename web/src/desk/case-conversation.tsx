// Issue 13: the case's conversation on the case page — the buyer asks the merchant (e.g. for the
// return address), the merchant answers, the platform joins once the case is escalated. Kept in
// the case's history; the buyer's card is their 联系商家.
import { Card } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, money } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import type { CaseDetail, CaseMessages } from '../../../src/contract/index.ts';
import { MessageList, ReplyBox, type Message } from './conversation.tsx';

export function CaseConversation({ c, onPosted }: { c: CaseDetail; onPosted: () => void }) {
  const t = useT();
  const { principal } = useSession();
  const [messages, setMessages] = useState<Message[]>([]);
  const load = useCallback(async () => setMessages((await api<CaseMessages>(`/v1/cases/${encodeURIComponent(c.id)}/messages`)).data), [c.id]);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);
  const me = principal?.kind === 'buyer' ? 'buyer' : principal?.kind === 'shop' ? 'merchant' : 'platform';
  const values = { buyer: c.buyer, order: c.order, case: c.id, amount: money(c.amount, c.currency), deadline: c.deadline?.due ?? '' };
  const post = async (text: string) => {
    const r = await api<CaseMessages>(`/v1/cases/${encodeURIComponent(c.id)}/messages`, { body: { text } });
    setMessages(r.data);
    onPosted();
  };
  return (
    <Card title={me === 'buyer' ? t('desk.contact') : t('desk.caseConversation')} size="small" data-testid="case-conversation">
      <MessageList messages={messages} me={me} testid="case-messages" />
      <div style={{ marginTop: 12 }}>
        <ReplyBox onSend={post} placeholder={t('desk.caseMessagePlaceholder')} shop={me === 'merchant' ? c.shop : undefined} values={values} testid="case-reply" />
      </div>
    </Card>
  );
}
