// The case dossier (案件卷宗, issue 16): the PDF a party or the platform hands a court, a regulator
// (12315) or an auditor — GET /v1/cases/:case/dossier.pdf, fetched with the caller's credential.
import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Tooltip, message } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import { downloadFile } from '../metrics/download.ts';

export function DossierButton({ caseId }: { caseId: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [toast, holder] = message.useMessage();
  const fetchIt = async () => {
    setBusy(true);
    try {
      await downloadFile(`/v1/cases/${encodeURIComponent(caseId)}/dossier.pdf`, `dossier-${caseId}.pdf`);
    } catch (e) {
      void toast.error(e instanceof ApiError ? e.message : t('dossier.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={t('dossier.hint')}>
      {holder}
      <Button icon={<FilePdfOutlined />} loading={busy} onClick={() => void fetchIt()} data-testid="dossier-download">
        {t('dossier.download')}
      </Button>
    </Tooltip>
  );
}
