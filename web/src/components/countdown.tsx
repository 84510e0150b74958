// A running deadline in words: "剩余 3 小时 12 分自动同意" (SPEC §4: deadlines act by themselves).
import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLabel, useT, type T } from '../i18n/index.tsx';

/** Milliseconds left → "2 天 3 小时" / "3 小时 12 分" / "12 分" / "40 秒" (two largest units). */
export function remaining(ms: number, t: T): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${t('countdown.days', { n: d })}${h > 0 ? ' ' + t('countdown.hours', { n: h }) : ''}`.replace(/\s+/g, ' ').trim();
  if (h > 0) return `${t('countdown.hours', { n: h })} ${t('countdown.minutes', { n: m })}`.replace(/\s+/g, ' ').trim();
  if (m > 0) return t('countdown.minutes', { n: m }).trim();
  return t('countdown.seconds', { n: s % 60 }).trim();
}

/** Re-renders every second while mounted, so a countdown stays live. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function Countdown({ deadline }: { deadline: { kind: string; due: string } | null }) {
  const t = useT();
  const label = useLabel();
  const now = useNow();
  if (!deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = new Date(deadline.due).getTime() - now;
  const urgent = left < 6 * 3_600_000;
  return (
    <Typography.Text type={left <= 0 ? 'danger' : urgent ? 'warning' : undefined} data-testid="countdown" title={deadline.due}>
      {left <= 0 ? t('countdown.overdue') : t('countdown.left', { time: remaining(left, t), what: label('deadline', deadline.kind) })}
    </Typography.Text>
  );
}
