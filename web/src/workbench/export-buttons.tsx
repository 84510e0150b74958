// Issue 16: the filtered list as CSV or Excel — the server pages through every match
// (GET /v1/cases/export.csv|xlsx with the list's own filters), the browser saves the file.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Flex } from 'antd';
import { useState } from 'react';
import { credential } from '../api.ts';
import { useLang, useT } from '../i18n/index.tsx';
import { filterQuery, type QueueFilters } from './use-queue.ts';

export function ExportButtons({ filters }: { filters: QueueFilters }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      // The bearer header is needed, so a fetch and a blob rather than a plain link.
      const token = credential.get();
      const res = await fetch(`/v1/cases/export.${format}?${filterQuery(filters).toString()}`, {
        headers: { 'accept-language': lang === 'en' ? 'en' : 'zh-CN', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `cases.${format}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Flex gap={8}>
      <Button icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => void download('csv')} data-testid="export-csv">
        {t('wd.export.csv')}
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')} data-testid="export-xlsx">
        {t('wd.export.xlsx')}
      </Button>
    </Flex>
  );
}
