// /notifications — the caller's inbox (SPEC §10.5), newest first, unread ones marked; opening one
// marks it read and goes to its ticket or case.
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api.ts';
import { linkOf } from '../desk/notification-bell.tsx';
import { useLang } from '../i18n/index.tsx';
import type { NotificationPage } from '../../../src/contract/index.ts';

export default function NotificationsPage() {
  const { t, lang } = useLang();
  const navigate = useNavigate();
  const [page, setPage] = useState<NotificationPage | null>(null);
  const load = useCallback(async () => setPage(await api<NotificationPage>('/v1/notifications?limit=100')), []);
  useEffect(() => {
    void load();
  }, [load, lang]);
  const open = async (id: string, subject: string, shop: string) => {
    await api('/v1/notifications/read', { body: { ids: [id] } });
    navigate(linkOf(subject, shop));
  };
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          {t('notifications.title')}
          <Tag color={page?.unread ? 'red' : 'default'} data-testid="inbox-unread">
            {t('notifications.unread', { n: page?.unread ?? 0 })}
          </Tag>
        </Flex>
      }
      extra={
        <Button size="small" data-testid="inbox-read-all" onClick={() => void api('/v1/notifications/read', { body: {} }).then(load)}>
          {t('notifications.readAll')}
        </Button>
      }
    >
      {page && page.data.length === 0 && <Empty description={t('notifications.empty')} />}
      <Flex vertical gap={4} data-testid="inbox">
        {page?.data.map((n) => (
          <Button
            key={n.id}
            type="text"
            data-testid="inbox-item"
            data-kind={n.kind}
            data-unread={n.read_at === null}
            onClick={() => void open(n.id, n.subject, n.shop)}
            style={{ justifyContent: 'flex-start', height: 'auto', whiteSpace: 'normal', textAlign: 'left', fontWeight: n.read_at === null ? 600 : 400 }}
          >
            <Flex vertical align="flex-start">
              <span>{n.text}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {n.created_at.replace('T', ' ').slice(0, 16)}
              </Typography.Text>
            </Flex>
          </Button>
        ))}
      </Flex>
    </Card>
  );
}
