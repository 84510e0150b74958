// A case's history in words (the API gives each entry in zh and en), oldest first.
import { Timeline as AntTimeline, Typography } from 'antd';
import { useLang } from '../i18n/index.tsx';
import { isoMinutes } from '../api.ts';
import type { TimelineEntry } from '../../../src/contract/index.ts';

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { lang, t } = useLang();
  return (
    <AntTimeline
      data-testid="timeline"
      items={entries.map((e) => ({
        key: e.version,
        color: e.actor.role === 'buyer' ? 'green' : e.actor.role === 'merchant' ? 'blue' : e.actor.role === 'platform' ? 'purple' : 'gray',
        content: (
          <>
            <Typography.Text>{lang === 'en' ? e.en : e.zh}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {isoMinutes(e.at)} · {t(`role.${e.actor.role}`)}
              {e.actor.id && e.actor.role !== 'platform' ? ` ${e.actor.id}` : ''}
            </Typography.Text>
          </>
        ),
      }))}
    />
  );
}
