// /cases/:id — one case for any role, with a way back to where the user came from.
import { Flex } from 'antd';
import { useParams } from 'react-router-dom';
import { BackLink } from '../components/back-link.tsx';
import { CaseDetail } from '../case/case-detail.tsx';
import { homeOf, useSession } from '../session.tsx';

export default function CasePage() {
  const { id = '' } = useParams();
  const { principal } = useSession();
  // Back to the previous page (the queue with its filters, the buyer's list); straight to the
  // role's home when the case was opened from a link.
  return (
    <Flex vertical gap={12}>
      <BackLink fallback={principal ? homeOf(principal) : '/'} />
      <CaseDetail key={id} caseId={id} />
    </Flex>
  );
}
