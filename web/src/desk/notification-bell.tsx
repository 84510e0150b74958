// SPEC §10.5: the unread count in the header, on every page of every role; it opens the inbox.
// Asked again on each navigation and every 15 s (nothing is lost while nobody looks: the
// notifications are stored).
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import type { NotificationPage } from '../../../src/contract/index.ts';

export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () =>
      api<NotificationPage>('/v1/notifications?limit=1')
        .then((r) => live && setUnread(r.unread))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 15_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [location.pathname]);
  return (
    <Badge count={unread} size="small" data-testid="unread-badge">
      <Button size="small" icon={<BellOutlined />} aria-label={`${t('notifications.title')} (${t('notifications.unread', { n: unread })})`} data-testid="notifications-bell" data-unread={unread} onClick={() => navigate('/notifications')}>
        {t('nav.notifications')}
      </Button>
    </Badge>
  );
}

/** Where a notification leads: its ticket or its case. */
export function linkOf(subject: string, shop: string): string {
  const [kind, id] = [subject.slice(0, subject.indexOf(':')), encodeURIComponent(subject.slice(subject.indexOf(':') + 1))];
  if (kind === 'order') return `/buyer/orders/${encodeURIComponent(shop)}/${id}`;
  if (kind === 'shop') return '/governance';
  return kind === 'ticket' ? `/tickets/${id}` : kind === 'case' ? `/cases/${id}` : kind === 'complaint' ? `/complaints/${id}` : '/';
}
