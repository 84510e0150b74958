// /cases/:id — one case for any role, with a way back to where the user came from.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Flex } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { CaseDetail } from '../case/case-detail.tsx';
import { useT } from '../i18n/index.tsx';
import { homeOf, useSession } from '../session.tsx';

export default function CasePage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { principal } = useSession();
  // Back to the previous page (the queue with its filters, the buyer's list); straight to the
  // role's home when the case was opened from a link.
  const cameFromApp = (window.history.state as { idx?: number } | null)?.idx;
  return (
    <Flex vertical gap={12}>
      <Link
        to={principal ? homeOf(principal) : '/'}
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
      <CaseDetail key={id} caseId={id} />
    </Flex>
  );
}
