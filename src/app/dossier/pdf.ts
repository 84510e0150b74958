// The case dossier laid out as an A4 PDF (issue 16), Chinese first with English beside it: the
// case, both sides' evidence (images as thumbnails, other files by name and hash), every event with
// its actor and instant, the policy applied, and the hash chain's head with how to verify it
// (SPEC §7). The Noto Sans SC font is embedded (subset), so the Chinese shows on any machine.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { CASE_STATUS_LABELS, CASE_TYPE_LABELS, EVIDENCE_LABELS, OUTCOME_LABELS, REASON_LABELS, ROLE_LABELS, moneyOf } from '../../domain/labels.ts';
import type { CaseState, OrderState } from '../../domain/state.ts';
import type { Actor, Instant } from '../../domain/types.ts';
import { formatInstant } from '../../domain/calendar.ts';
import { thumbnail } from './thumbnail.ts';

const FONT = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

export interface DossierData {
  case: CaseState;
  order: OrderState;
  shopName: string | null;
  tz: string;
  generatedAt: Instant;
  policy: { pack: string; packName: { zh: string; en: string } | null; versionInForce: string; versionsUsed: string[] } | null;
  events: { version: number; at: Instant; type: string; actor: Actor; words: { zh: string; en: string }; hash: string }[];
  headHash: string | null;
  intact: boolean;
  files: { sha256: string; contentType: string; filename: string; content: Buffer }[];
}

/** "2026-11-29 14:05:09 (UTC+08:00)": the platform's local time, the zone said once. */
export function readableInstant(at: Instant, tz: string): string {
  const iso = formatInstant(at, tz);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} (UTC${iso.slice(19)})`;
}

const actorWords = (a: Actor) => `${ROLE_LABELS[a.role].zh}${a.id ? ` ${a.id}` : ''} / ${ROLE_LABELS[a.role].en}`;

/** The CLI commands that check the chain against the database (src/cli/ops-commands.ts historyCommand). */
export const verifyCommands = (caseId: string) => [`aftersale history verify ${caseId}`, `aftersale history export ${caseId} --out ${caseId}.json`];

export async function renderDossier(d: DossierData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `售后案件卷宗 ${d.case.id} / After-sales case dossier`, Author: 'Aftersale', CreationDate: new Date(d.generatedAt) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('noto', FONT);
  doc.font('noto');
  const width = doc.page.width - 96;
  const heading = (zh: string, en: string) => {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.moveDown(0.8).fontSize(13).fillColor('#1f3a5f').text(`${zh}  ${en}`).moveDown(0.3).fontSize(9.5).fillColor('#222');
  };
  const row = (label: string, value: string) => doc.text(`${label}: `, { continued: true }).fillColor('#000').text(value).fillColor('#222');
  const c = d.case;
  const at = (ms: Instant) => readableInstant(ms, d.tz);

  doc.fontSize(18).fillColor('#000').text('售后案件卷宗  After-sales case dossier');
  doc.fontSize(9).fillColor('#555').text(`生成于 Generated ${at(d.generatedAt)} · 时区 time zone ${d.tz}`);

  heading('一、案件', '1. The case');
  row('案件编号 Case', c.id);
  row('订单 Order', c.orderId);
  row('店铺 Shop', d.shopName ? `${d.shopName} (${c.shopId})` : c.shopId);
  row('买家 Buyer', c.buyerId);
  row('类型 Type', `${CASE_TYPE_LABELS[c.type].zh} / ${CASE_TYPE_LABELS[c.type].en}`);
  row('原因 Reason', `${REASON_LABELS[c.reason].zh} / ${REASON_LABELS[c.reason].en}`);
  row('状态 Status', `${CASE_STATUS_LABELS[c.status].zh} / ${CASE_STATUS_LABELS[c.status].en}`);
  row('申请时间 Applied', at(c.appliedAt));
  if (c.note) row("买家说明 Buyer's note", c.note);
  for (const l of c.lines) {
    const line = d.order.lines.find((x) => x.id === l.lineId);
    row('商品 Goods', `${line?.title ?? line?.sku ?? l.lineId} × ${l.quantity}`);
  }

  heading('二、金额', '2. Amounts');
  // SPEC §13: in the order's currency.
  const money = (minor: number) => moneyOf(minor, d.order.currency);
  row('币种 Currency', d.order.currency);
  row('申请金额 Claimed', money(c.amount));
  row('其中运费 of which shipping fee', money(c.shippingFeePart));
  row('已退款 Refunded', money(c.refunded));
  if (c.deductions) row('扣减 Deductions', money(c.deductions));
  if (c.returnShippingReimbursed) row('退货运费补偿 Return postage reimbursed', money(c.returnShippingReimbursed));
  if (c.insurerClaim) row('运费险理赔 Shipping insurance claim', money(c.insurerClaim));
  if (c.ruling) row('平台裁决 Ruling', `${OUTCOME_LABELS[c.ruling.outcome].zh} / ${OUTCOME_LABELS[c.ruling.outcome].en}${c.ruling.amount === null ? '' : ` ${money(c.ruling.amount)}`}${c.ruling.note ? ` — ${c.ruling.note}` : ''}`);

  heading('三、凭证', '3. Evidence');
  if (c.evidence.length === 0) doc.text('无凭证 No evidence given');
  for (const [party, zh, en] of [['buyer', '买家提交', 'Given by the buyer'], ['merchant', '商家提交', 'Given by the merchant']] as const) {
    const items = c.evidence.filter((e) => e.party === party);
    if (items.length === 0) continue;
    doc.moveDown(0.3).fontSize(11).fillColor('#000').text(`${zh}  ${en}`).fontSize(9.5).fillColor('#222');
    for (const e of items) {
      const file = e.sha256 ? d.files.find((f) => f.sha256 === e.sha256) : undefined;
      if (doc.y > doc.page.height - 170) doc.addPage();
      doc.moveDown(0.2).text(`${EVIDENCE_LABELS[e.kind].zh} / ${EVIDENCE_LABELS[e.kind].en} · ${at(e.at)}${e.description ? ` · “${e.description}”` : ''}`);
      const thumb = file ? await thumbnail(file.content, file.contentType) : null;
      if (thumb) {
        const top = doc.y + 2;
        doc.image(thumb.jpeg, doc.page.margins.left, top, { fit: [thumb.width, thumb.height] });
        doc.y = top + thumb.height + 4;
      }
      const named = file ? `${file.filename} (${file.contentType}, ${file.content.length} bytes)` : e.sha256 ? '文件未上传 file not uploaded' : '未附文件 no file';
      doc.fontSize(8).fillColor('#555').text(`${named}${e.sha256 ? `  sha256 ${e.sha256}` : ''}`, { width }).fontSize(9.5).fillColor('#222');
    }
  }

  heading('四、经过', '4. Every event (the stored history)');
  for (const e of d.events) {
    if (doc.y > doc.page.height - 90) doc.addPage();
    doc.moveDown(0.2).fillColor('#000').text(`#${e.version}  ${at(e.at)}  ${actorWords(e.actor)}`);
    doc.fillColor('#222').text(`${e.words.zh}`, { indent: 14 }).fillColor('#555').text(`${e.words.en}`, { indent: 14 });
    doc.fontSize(7.5).text(`${e.type} · hash ${e.hash}`, { indent: 14 }).fontSize(9.5).fillColor('#222');
  }

  heading('五、适用规则', '5. The policy applied');
  if (d.policy) {
    row('政策包 Policy pack', `${d.policy.packName ? `${d.policy.packName.zh} / ${d.policy.packName.en} ` : ''}(${d.policy.pack})`);
    row('期限所依版本 Versions the deadlines used', d.policy.versionsUsed.length ? d.policy.versionsUsed.join(', ') : '—');
    row('现行版本 Version in force now', d.policy.versionInForce);
  } else {
    doc.text('店铺当前无有效政策 The shop has no policy in force');
  }

  heading('六、完整性校验', '6. Integrity: the hash chain');
  doc.text('每个事件保存前一事件的哈希; 末尾哈希 (链头) 概括了整段历史, 任何修改、删除或重排都会使其不符。');
  doc.fillColor('#555').text('Each event stores the hash of the one before it; the head hash sums up the whole history: editing, deleting or reordering any event breaks it.').fillColor('#222');
  row('事件数 Events', String(d.events.length));
  row('链头哈希 Head hash (sha256)', d.headHash ?? '—');
  row('生成时校验 Checked when generated', d.intact ? '完整 intact' : '已损坏 BROKEN');
  doc.moveDown(0.3).text("核验方法 How to verify (on the platform's database, DATABASE_URL set):");
  for (const cmd of verifyCommands(c.id)) doc.fillColor('#000').text(`  $ ${cmd}`).fillColor('#222');
  doc.text('第一条命令重新计算每个哈希并检查每个链接; 第二条导出全部事件及其哈希, 其最后一个 hash 应等于上面的链头哈希。');
  doc.fillColor('#555').text('The first recomputes every hash and checks every link; the second exports every event with its hashes, and its last hash must equal the head hash above.');
  doc.end();
  return done;
}
