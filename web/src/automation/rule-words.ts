// A rule's conditions in words (SPEC §10.2), as the editor lists them: "已付款未发货 · 仅退款 ·
// 金额 ≤ ¥50.00 → 自动同意". Codes come from the contract, words from the dictionaries.
import type { AutomationRule } from '../../../src/contract/index.ts';
import { money } from '../api.ts';
import type { T } from '../i18n/index.tsx';

export function conditionsInWords(when: AutomationRule['when'], t: T): string {
  const sep = t('auto.listSep');
  const parts: string[] = [];
  if (when.order_status) parts.push(t('auto.when.orderStatus', { list: when.order_status.map((s) => t(`orderStatus.${s}`)).join(sep) }));
  if (when.type) parts.push(t('auto.when.types', { list: when.type.map((s) => t(`type.${s}`)).join(sep) }));
  if (when.max_amount !== undefined) parts.push(t('auto.when.maxAmount', { amount: money(when.max_amount) }));
  if (when.reasons) parts.push(t('auto.when.reasons', { list: when.reasons.map((s) => t(`reason.${s}`)).join(sep) }));
  if (when.max_buyer_risk) parts.push(t('auto.when.maxRisk', { band: t(`risk.${when.max_buyer_risk}`) }));
  return parts.length ? parts.join(' · ') : t('auto.when.all');
}

export function ruleInWords(rule: Pick<AutomationRule, 'when' | 'then'>, t: T): string {
  return `${conditionsInWords(rule.when, t)} → ${t(`auto.then.${rule.then}`)}`;
}
