// Issue 16: where the case stands, as steps (antd Steps) every role sees — apply, the merchant's
// decision, the parcel back, its receipt, the replacement, the refund, the end — the steps its type
// goes through (SPEC §2, §4), the platform's step when it was escalated, a refusal or a closing in
// red. A step is done when its event is in the history (the timeline the API gives).
import { Steps } from 'antd';
import { isoMinutes } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import type { CaseDetail } from '../../../src/contract/index.ts';
import { returnsGoods } from '../../../src/contract/enums.ts';

interface Step {
  key: string;
  /** The events that finish it. */
  doneBy: string[];
}

const REFUNDS = ['refund_only', 'return_refund'];

export function stepsOf(c: Pick<CaseDetail, 'type' | 'escalated'>): Step[] {
  const steps: Step[] = [
    { key: 'apply', doneBy: ['CaseApplied'] },
    { key: 'decision', doneBy: ['MerchantAgreed', 'OfferAccepted', 'CaseRuled'] },
  ];
  if (c.escalated) steps.push({ key: 'arbitration', doneBy: ['CaseRuled'] });
  if (returnsGoods(c.type as never)) steps.push({ key: 'ship', doneBy: ['ReturnShipped'] }, { key: 'receive', doneBy: ['ReturnReceived'] });
  if (!REFUNDS.includes(c.type)) steps.push({ key: 'reship', doneBy: ['ReplacementShipped'] }, { key: 'confirm', doneBy: ['ReceiptConfirmed'] });
  if (REFUNDS.includes(c.type)) steps.push({ key: 'refund', doneBy: ['RefundCompleted'] });
  steps.push({ key: 'end', doneBy: ['CaseCompleted'] });
  return steps;
}

export function CaseProgress({ c }: { c: CaseDetail }) {
  const t = useT();
  const steps = stepsOf(c);
  const when = (s: Step) => c.timeline.find((e) => s.doneBy.includes(e.type))?.at;
  // The first step not done yet is the current one; a completed case has none left.
  let current = steps.findIndex((s) => !when(s));
  if (c.status === 'completed') current = steps.length;
  if (current === -1) current = steps.length - 1;
  const closed = c.status === 'closed';
  const refused = c.status === 'rejected';
  const items = steps.map((s, i) => {
    const at = when(s);
    const title =
      s.key === 'end' ? t(closed ? 'wd.step.closed' : 'wd.step.completed') : s.key === 'decision' && refused && i === current ? t('wd.step.rejected') : t(`wd.step.${s.key}`);
    return { key: s.key, title, description: at ? isoMinutes(at) : undefined };
  });
  // A closed case ends here: the step it stopped at is red and the last step says closed.
  if (closed) {
    const last = items.length - 1;
    return <Steps data-testid="case-progress" size="small" responsive current={last} status="error" items={items.map((x, i) => (i < last && !x.description ? { ...x, status: 'wait' as const } : x))} />;
  }
  return <Steps data-testid="case-progress" size="small" responsive current={current} status={refused ? 'error' : c.status === 'completed' ? 'finish' : 'process'} items={items} />;
}
