// "Back": to the previous page when the user came from inside the console (the queue with its
// filters, a list), otherwise to `fallback` (the page was opened from a link).
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';

export function BackLink({ fallback }: { fallback: string }) {
  const t = useT();
  const navigate = useNavigate();
  const cameFromApp = (window.history.state as { idx?: number } | null)?.idx;
  return (
    <Link
      to={fallback}
      data-testid="back"
      onClick={(e) => {
        if (cameFromApp && cameFromApp > 0) {
          e.preventDefault();
          void navigate(-1);
        }
      }}
    >
      <ArrowLeftOutlined /> {t('common.back')}
    </Link>
  );
}
