// What the governance API answers (SPEC §8.1–§8.3): the contract's types and codes, plus the shape
// of one evidence line in the console's forms.
export {
  COMPLAINT_ACTIONS,
  COMPLAINT_CLOSED_REASONS,
  COMPLAINT_DEADLINE_KINDS,
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  COMPLAINT_SUB_KINDS,
  DEPOSIT_DEBIT_REASONS,
  SHOP_STATUSES,
  type ComplaintAction,
} from '../../../src/contract/enums.ts';
import type { ComplaintDetail, DepositLedger, ShopGovernance } from '../../../src/contract/index.ts';
export type { ComplaintDetail, ComplaintRow, ShopGovernance } from '../../../src/contract/index.ts';

export type ComplaintKind = keyof typeof import('../../../src/contract/enums.ts').COMPLAINT_SUB_KINDS;
export type ComplaintEvidence = ComplaintDetail['evidence'][number];
export type ComplaintTimelineEntry = ComplaintDetail['timeline'][number];
export type Threshold = ShopGovernance['thresholds'][number];
export type Sanction = ShopGovernance['sanctions'][number];
export type LedgerEntry = DepositLedger['data'][number];

/** An evidence item described in words (kind and what it shows): complaints take no files. */
export interface EvidenceLine {
  kind: string;
  description?: string;
}
