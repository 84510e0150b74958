// The claims list (SPEC §13): A-to-z Guarantee and SAFE-T claims for the platform and the seller.
// Codes (kind, reason, status) arrive labelled by the API in the caller's language.
import type { Dict } from './index.tsx';

const claims: Dict = {
  zh: {
    'nav.claims': '索赔 (A-to-z / SAFE-T)',
    'claims.title': 'A-to-z 与 SAFE-T 索赔',
    'claims.hint': '亚马逊式站点 (amazon-us) 的买家 A-to-z 保障索赔与卖家 SAFE-T 索赔, 最近到期的在前。',
    'claims.kind.all': '全部',
    'claims.col.claim': '索赔单',
    'claims.col.kind': '类型',
    'claims.col.order': '订单',
    'claims.col.reason': '原因',
    'claims.col.status': '状态',
    'claims.col.amount': '金额',
    'claims.col.deadline': '期限',
    'claims.sellerSilent': '卖家未在时限内回应',
    'claims.empty': '暂无索赔',
  },
  en: {
    'nav.claims': 'Claims (A-to-z / SAFE-T)',
    'claims.title': 'A-to-z and SAFE-T claims',
    'claims.hint': 'Buyers’ A-to-z Guarantee claims and sellers’ SAFE-T claims on Amazon-style shops (amazon-us), nearest deadline first.',
    'claims.kind.all': 'All',
    'claims.col.claim': 'Claim',
    'claims.col.kind': 'Kind',
    'claims.col.order': 'Order',
    'claims.col.reason': 'Reason',
    'claims.col.status': 'Status',
    'claims.col.amount': 'Amount',
    'claims.col.deadline': 'Deadline',
    'claims.sellerSilent': 'the seller did not respond in time',
    'claims.empty': 'No claims',
  },
};
export default claims;
