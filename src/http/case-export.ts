// Issue 16: the filtered queue as a table a merchant opens in a spreadsheet — CSV (UTF-8 with a
// BOM, so Excel reads the Chinese) and XLSX (exceljs). Codes are shown in words in the caller's
// language beside the code itself, amounts in major units of the currency column (SPEC §13), instants in the shop zone's ISO form.
import ExcelJS from 'exceljs';
import { caseView } from '../app/views.ts';
import { csvOf } from '../app/metrics/views.ts';
import { CASE_DEADLINE_LABELS, CASE_STATUS_LABELS, CASE_TYPE_LABELS, REASON_LABELS, type Lang } from '../domain/labels.ts';
import { formatInstant } from '../domain/calendar.ts';
import type { CaseState } from '../domain/state.ts';
import { MINOR_UNITS, sumByCurrency, totalsList, type Currency } from '../domain/currency.ts';
import type { CaseProduct } from '../store/case-reads.ts';

const HEADER: Record<Lang, string[]> = {
  zh: ['售后单', '订单', '店铺', '买家', '商品', 'SKU', '类型', '原因', '状态', '状态代码', '币种', '金额', '已退款', '进行中的期限', '期限截止', '申请时间'],
  en: ['case', 'order', 'shop', 'buyer', 'products', 'SKU', 'type', 'reason', 'status', 'status code', 'currency', 'amount', 'refunded', 'running deadline', 'deadline due', 'applied at'],
};

const TOTALS_HEADER: Record<Lang, string[]> = { zh: ['币种', '售后单数', '金额合计', '已退款合计'], en: ['currency', 'cases', 'amount total', 'refunded total'] };

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @ first: CSV injection, OWASP) is kept as
 * text by a leading apostrophe; titles and buyer ids come from outside.
 */
const text = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** The rows of an export: one per case, in the list's order. */
export function exportRows(
  cases: readonly CaseState[],
  products: Map<string, CaseProduct[]>,
  currencies: Map<string, Currency>,
  lang: Lang,
  tz: string,
): (string | number)[][] {
  return cases.map((c) => {
    // SPEC §13: each row says its currency; amounts are major units of it (two decimals, both currencies).
    const v = caseView(c, tz, currencies.get(c.shopId) ?? 'CNY');
    const items = products.get(c.id) ?? [];
    return [
      v.id,
      v.order,
      v.shop,
      text(v.buyer),
      text(items.map((p) => p.title ?? '').filter(Boolean).join('; ')),
      text(items.map((p) => p.sku).join('; ')),
      CASE_TYPE_LABELS[c.type][lang],
      REASON_LABELS[c.reason][lang],
      CASE_STATUS_LABELS[c.status][lang],
      c.status,
      v.currency,
      c.amount / MINOR_UNITS[v.currency],
      c.refunded / MINOR_UNITS[v.currency],
      c.deadline ? CASE_DEADLINE_LABELS[c.deadline.kind][lang] : '',
      v.deadline?.due ?? '',
      formatInstant(c.appliedAt, tz),
    ];
  });
}

export const exportCsv = (rows: (string | number)[][], lang: Lang) => '\uFEFF' + csvOf(HEADER[lang], rows.map((r) => r.map((x) => (typeof x === 'number' ? x.toFixed(2) : x))));

/** SPEC §13: per currency, the cases, their amounts and refunds, summed in minor units (never across currencies). */
export function exportTotals(cases: readonly CaseState[], currencies: Map<string, Currency>) {
  const cur = (c: CaseState) => currencies.get(c.shopId) ?? 'CNY';
  const [n, amount, refunded] = [sumByCurrency(cases, cur, () => 1), sumByCurrency(cases, cur, (c) => c.amount), sumByCurrency(cases, cur, (c) => c.refunded)];
  return totalsList(amount).map((t) => ({ currency: t.currency, cases: n[t.currency]!, amount: t.amount, refunded: refunded[t.currency]! }));
}

export async function exportXlsx(rows: (string | number)[][], lang: Lang, sums: ReturnType<typeof exportTotals>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('cases');
  sheet.addRow(HEADER[lang]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  // Amount columns as money with two decimals.
  for (const col of [12, 13]) sheet.getColumn(col).numFmt = '0.00';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // SPEC §13: the totals, one row per currency — a platform export mixes shops, and a CNY and a USD
  // amount are never added (sumByCurrency groups them; amounts summed in minor units, then shown).
  const totals = book.addWorksheet('totals');
  totals.addRow(TOTALS_HEADER[lang]);
  totals.getRow(1).font = { bold: true };
  for (const t of sums) totals.addRow([t.currency, t.cases, t.amount / MINOR_UNITS[t.currency], t.refunded / MINOR_UNITS[t.currency]]);
  for (const col of [3, 4]) totals.getColumn(col).numFmt = '0.00';
  return Buffer.from(await book.xlsx.writeBuffer());
}
