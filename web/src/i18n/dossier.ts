// The case dossier button (issue 16).
import type { Dict } from './index.tsx';

const dict: Dict = {
  zh: {
    'dossier.download': '下载案件卷宗',
    'dossier.hint': 'PDF: 案件、双方凭证、全部经过、适用规则与哈希链校验方法, 可交法院、12315 或审计',
    'dossier.failed': '卷宗下载失败, 请重试',
  },
  en: {
    'dossier.download': 'Case dossier',
    'dossier.hint': 'PDF: the case, both sides’ evidence, every event, the policy applied and how to verify the hash chain — for a court, a regulator (12315) or an auditor',
    'dossier.failed': 'The dossier could not be downloaded; try again',
  },
};
export default dict;
