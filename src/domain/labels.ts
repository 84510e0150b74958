// The names people read for the SPEC codes, in zh-CN and English: what the platforms call each
// case type, reason, evidence kind, ruling, liability, deadline and closing reason (SPEC §2, §4,
// §6, §7). The zh names are the ones Taobao/Tmall and Pinduoduo show (补发, 假冒品牌, 七天无理由退货),
// the same the web console shows (web/src/i18n/common.ts), so a timeline and the page around it
// speak one language. English names are lower case: they are used inside sentences.
import type { OrderEvent } from './events.ts';
import { zoneOffset } from './calendar.ts';
import type { OrderLine } from './state.ts';
import type { CommandKind } from './commands.ts';
import type { CaseDeadlineKind, CaseStatus, CaseType, ClosedReason, Currency, EvidenceKind, Fen, Instant, Liability, LineFlag, OrderDeadlineKind, OrderStatus, Reason, Role, RulingOutcome } from './types.ts';

export type Lang = 'zh' | 'en';
export interface Label {
  zh: string;
  en: string;
}

/** SPEC §2 types. */
export const CASE_TYPE_LABELS: Record<CaseType, Label> = {
  refund_only: { zh: '仅退款', en: 'refund only' },
  return_refund: { zh: '退货退款', en: 'return and refund' },
  exchange: { zh: '换货', en: 'exchange' },
  repair: { zh: '维修', en: 'repair' },
  reship: { zh: '补发', en: 'reshipment' },
};

/** SPEC §2 reasons. */
export const REASON_LABELS: Record<Reason, Label> = {
  out_of_stock: { zh: '缺货', en: 'out of stock' },
  late_shipment: { zh: '未按约定时间发货', en: 'late shipment' },
  wrong_order_info: { zh: '拍错/信息填写错误', en: 'ordered by mistake' },
  no_longer_needed: { zh: '不想要了', en: 'no longer needed' },
  not_received: { zh: '未收到货', en: 'not received' },
  damaged: { zh: '商品破损', en: 'damaged' },
  wrong_or_missing_item: { zh: '错发/漏发', en: 'wrong or missing item' },
  counterfeit: { zh: '假冒品牌', en: 'counterfeit' },
  not_as_described: { zh: '描述不符', en: 'not as described' },
  quality_issue: { zh: '质量问题', en: 'quality issue' },
  no_reason_7d: { zh: '七天无理由退货', en: '7-day no-reason return' },
  size_or_color: { zh: '尺码/颜色不合适', en: 'size or colour' },
  invoice_issue: { zh: '发票问题', en: 'invoice issue' },
  shipping_fee_refund: { zh: '退运费', en: 'shipping fee refund' },
  needs_repair: { zh: '需要维修', en: 'needs repair' },
};

/** SPEC §4 statuses, named as the console names them (web/src/i18n/common.ts `status.*`). */
export const CASE_STATUS_LABELS: Record<CaseStatus, Label> = {
  requested: { zh: '待商家处理', en: 'awaiting merchant' },
  offer_pending: { zh: '待买家确认方案', en: 'offer awaiting buyer' },
  rejected: { zh: '商家已拒绝', en: 'rejected by merchant' },
  awaiting_return: { zh: '待买家退货', en: 'awaiting return' },
  return_in_transit: { zh: '退货运输中', en: 'return in transit' },
  awaiting_reship: { zh: '待商家补发/换货', en: 'awaiting reshipment' },
  reship_in_transit: { zh: '补发运输中', en: 'reshipment in transit' },
  refunding: { zh: '退款中', en: 'refunding' },
  in_arbitration: { zh: '平台介入中', en: 'in arbitration' },
  completed: { zh: '已完成', en: 'completed' },
  closed: { zh: '已关闭', en: 'closed' },
};

/** SPEC §13 currencies, as a sentence names them. */
export const CURRENCY_LABELS: Record<Currency, Label> = {
  CNY: { zh: '人民币 (CNY)', en: 'Chinese yuan (CNY)' },
  USD: { zh: '美元 (USD)', en: 'US dollars (USD)' },
};

/** SPEC §1 order statuses (console `orderStatus.*`). */
export const ORDER_STATUS_LABELS: Record<OrderStatus, Label> = {
  pending_payment: { zh: '待付款', en: 'awaiting payment' },
  paid: { zh: '待发货', en: 'awaiting shipment' },
  shipped: { zh: '已发货', en: 'shipped' },
  completed: { zh: '交易成功', en: 'completed' },
  closed: { zh: '交易关闭', en: 'closed' },
};

/**
 * Commands as the console's buttons name them (web/src/i18n/common.ts `action.*`); the English as a
 * verb phrase for "cannot …". Order and system commands have the names of the shop system's steps.
 */
export const COMMAND_LABELS: Record<CommandKind, Label> = {
  place_order: { zh: '下单', en: 'place the order' },
  pay_order: { zh: '付款', en: 'pay the order' },
  ship_order: { zh: '发货', en: 'ship the order' },
  sign_order: { zh: '签收', en: 'sign for the order' },
  complete_order: { zh: '确认收货', en: 'complete the order' },
  extend_auto_confirm: { zh: '延长收货', en: 'extend automatic confirmation' },
  fire_order_deadline: { zh: '到期处理', en: 'act on the deadline' },
  apply: { zh: '申请售后', en: 'apply' },
  modify: { zh: '修改申请', en: 'modify the request' },
  agree: { zh: '同意', en: 'agree' },
  reject: { zh: '拒绝', en: 'reject' },
  offer: { zh: '协商方案', en: 'counter-offer' },
  accept_offer: { zh: '接受方案', en: 'accept the offer' },
  decline_offer: { zh: '不接受方案', en: 'decline the offer' },
  withdraw_offer: { zh: '撤回方案', en: 'withdraw the offer' },
  cancel: { zh: '撤销申请', en: 'cancel the request' },
  ship_return: { zh: '填写退货物流', en: 'ship the return' },
  correct_tracking: { zh: '修改退货运单号', en: 'correct the tracking number' },
  receive_return: { zh: '确认收货', en: 'receive the return' },
  refuse_return: { zh: '拒绝签收', en: 'refuse the return' },
  reship: { zh: '补发/换货发出', en: 'reship' },
  confirm_receipt: { zh: '确认收到', en: 'confirm receipt' },
  escalate: { zh: '申请平台介入', en: 'ask the platform to step in' },
  submit_evidence: { zh: '补充凭证', en: 'add evidence' },
  request_evidence: { zh: '要求举证', en: 'request evidence' },
  post_message: { zh: '留言', en: 'write a message' },
  rule: { zh: '裁决', en: 'rule' },
  fire_case_deadline: { zh: '到期处理', en: 'act on the deadline' },
  confirm_refund: { zh: '确认退款', en: 'confirm the refund' },
  fail_refund: { zh: '退款失败', en: 'record a failed refund' },
  return_delivered: { zh: '记录退货已送达', en: 'record the return delivered' },
};

/** Fields a refusal names, as the console's forms label them (web/src/i18n/workbench.ts `case.form.*`). */
export const FIELD_LABELS: Record<string, Label> = {
  reason: { zh: '理由', en: 'reason' },
  carrier: { zh: '快递公司', en: 'carrier' },
  tracking: { zh: '运单号', en: 'tracking number' },
  carrier_name: { zh: '快递公司名称', en: 'carrier name' },
  buyer_owes: { zh: '买家补差价', en: 'difference the buyer pays' },
  force: { zh: '确认裁决', en: 'confirmation' },
  return_address: { zh: '退货地址', en: 'return address' },
  shipping_cost: { zh: '退货运费', en: 'return shipping paid' },
  due_in_hours: { zh: '举证期限', en: 'time to give evidence' },
  placed_at: { zh: '下单时间', en: 'order time' },
  paid_at: { zh: '付款时间', en: 'payment time' },
  shipped_at: { zh: '发货时间', en: 'shipment time' },
  signed_at: { zh: '签收时间', en: 'signing time' },
  completed_at: { zh: '确认收货时间', en: 'completion time' },
  // Request fields the API's forms and integrators send (request-shape refusals name them).
  amount: { zh: '金额', en: 'amount' },
  type: { zh: '售后类型', en: 'type' },
  lines: { zh: '商品', en: 'lines' },
  line: { zh: '商品行', en: 'line' },
  quantity: { zh: '数量', en: 'quantity' },
  evidence: { zh: '凭证', en: 'evidence' },
  kind: { zh: '类型', en: 'kind' },
  kinds: { zh: '凭证类型', en: 'evidence kinds' },
  description: { zh: '说明', en: 'description' },
  note: { zh: '备注', en: 'note' },
  intact: { zh: '商品是否完好', en: 'goods intact' },
  outcome: { zh: '裁决结果', en: 'outcome' },
  liability: { zh: '责任方', en: 'liability' },
  party: { zh: '举证方', en: 'party' },
  deductions: { zh: '扣款', en: 'deductions' },
  id: { zh: '编号', en: 'id' },
  shop: { zh: '店铺', en: 'shop' },
  buyer: { zh: '买家', en: 'buyer' },
  order: { zh: '订单', en: 'order' },
  case: { zh: '售后单', en: 'case' },
  status: { zh: '状态', en: 'status' },
  phase: { zh: '阶段', en: 'phase' },
  cursor: { zh: '翻页游标', en: 'cursor' },
  limit: { zh: '每页条数', en: 'page size' },
  q: { zh: '搜索词', en: 'search' },
  sort: { zh: '排序', en: 'sort' },
  scopes: { zh: '权限', en: 'scopes' },
  label: { zh: '名称', en: 'label' },
  url: { zh: '回调地址', en: 'URL' },
  secret: { zh: '签名密钥', en: 'secret' },
  max_attempts: { zh: '最多重试次数', en: 'maximum attempts' },
  ttl_seconds: { zh: '有效期', en: 'validity' },
  pack: { zh: '规则包', en: 'policy pack' },
  category: { zh: '类目', en: 'category' },
  overrides: { zh: '店铺调整', en: 'overrides' },
  advance_seconds: { zh: '拨快时间', en: 'time to advance' },
  sku: { zh: '商品编码', en: 'SKU' },
  title: { zh: '商品名称', en: 'title' },
  paid_amount: { zh: '实付金额', en: 'amount paid' },
  shipping_fee: { zh: '运费', en: 'shipping fee' },
  flags: { zh: '商品标记', en: 'flags' },
};

/** A field's words (its code only for a field no form shows). */
export const fieldName = (field: string): Label => FIELD_LABELS[field] ?? { zh: field, en: field };

/** SPEC §7 evidence kinds. */
export const EVIDENCE_LABELS: Record<EvidenceKind, Label> = {
  photo: { zh: '照片', en: 'photo' },
  video: { zh: '视频', en: 'video' },
  chat_log: { zh: '聊天记录', en: 'chat log' },
  shipping_receipt: { zh: '寄件凭证', en: 'shipping receipt' },
  delivery_receipt: { zh: '签收凭证', en: 'delivery receipt' },
  third_party_signing_certificate: { zh: '第三方签收证明', en: 'third-party signing certificate' },
  invoice: { zh: '发票', en: 'invoice' },
  brand_authorization: { zh: '品牌授权书', en: 'brand authorisation' },
  inspection_report: { zh: '质检报告', en: 'inspection report' },
  purchase_receipt: { zh: '进货凭证', en: 'purchase receipt' },
  customs_declaration: { zh: '报关单', en: 'customs declaration' },
  courier_rejection_certificate: { zh: '快递拒收证明', en: 'courier rejection certificate' },
  other: { zh: '其他凭证', en: 'other evidence' },
};

/** SPEC §4 `rule` outcomes. */
export const OUTCOME_LABELS: Record<RulingOutcome, Label> = {
  buyer: { zh: '支持买家', en: 'for the buyer' },
  seller: { zh: '支持商家', en: 'for the seller' },
  partial: { zh: '部分支持买家', en: 'partly for the buyer' },
};

export const LIABILITY_LABELS: Record<Liability, Label> = {
  merchant: { zh: '商家责任', en: 'merchant liable' },
  buyer: { zh: '买家责任', en: 'buyer liable' },
  carrier: { zh: '物流责任', en: 'carrier liable' },
  none: { zh: '无责', en: 'no one liable' },
};

/** SPEC §4 deadlines, named by whose time runs out (the zh names read "…时限"). */
export const CASE_DEADLINE_LABELS: Record<CaseDeadlineKind, Label> = {
  merchant_response: { zh: '商家处理时限', en: 'merchant response' },
  offer_reply: { zh: '买家确认方案时限', en: 'buyer reply to the offer' },
  buyer_after_reject: { zh: '买家处理拒绝时限', en: 'buyer reply to the rejection' },
  buyer_return_shipment: { zh: '买家退货时限', en: 'return shipment' },
  merchant_receipt: { zh: '商家收货时限', en: 'merchant receipt of the return' },
  merchant_reship: { zh: '商家发货时限', en: 'merchant reshipment' },
  buyer_confirm: { zh: '买家确认收货时限', en: 'buyer confirmation of receipt' },
  evidence: { zh: '举证时限', en: 'evidence' },
  refund_after_receipt: { zh: '商家收到退货后退款时限', en: 'seller refund after receiving the return' },
};

/** SPEC §1 order deadlines. */
export const ORDER_DEADLINE_LABELS: Record<OrderDeadlineKind, Label> = {
  payment: { zh: '付款时限', en: 'payment' },
  ship_by: { zh: '承诺发货时限', en: 'promised shipment' },
  auto_confirm: { zh: '自动确认收货', en: 'automatic confirmation of receipt' },
};

export const CLOSED_REASON_LABELS: Record<ClosedReason, Label> = {
  cancelled: { zh: '买家撤销申请', en: 'cancelled by the buyer' },
  buyer_inactive: { zh: '买家超时未处理', en: 'the buyer did not act in time' },
  ruled_for_seller: { zh: '平台判定支持商家', en: 'ruled for the seller' },
  evidence_timeout: { zh: '举证超时', en: 'evidence not given in time' },
};

type OrderClosedReason = Extract<OrderEvent, { type: 'OrderClosed' }>['reason'];
export const ORDER_CLOSED_LABELS: Record<OrderClosedReason, Label> = {
  refunded_in_full: { zh: '全部退款', en: 'refunded in full' },
  unpaid_timeout: { zh: '超时未付款', en: 'not paid in time' },
};

/** SPEC §6 compensation kinds. */
type CompensationKind = Extract<OrderEvent, { type: 'CompensationPaid' }>['kind'];
export const COMPENSATION_LABELS: Record<CompensationKind, Label> = {
  late_shipment: { zh: '延迟发货赔付', en: 'late-shipment compensation' },
  out_of_stock: { zh: '缺货赔付', en: 'out-of-stock compensation' },
  counterfeit: { zh: '假一赔N', en: 'counterfeit compensation' },
};

export const ROLE_LABELS: Record<Role, Label> = {
  buyer: { zh: '买家', en: 'buyer' },
  merchant: { zh: '商家', en: 'merchant' },
  platform: { zh: '平台', en: 'platform' },
  system: { zh: '系统', en: 'system' },
};

/** A list of kinds as a sentence lists them: 照片、视频 / photo, video. */
export function listOf<K extends string>(table: Record<K, Label>, codes: readonly K[], lang: Lang): string {
  return codes.map((c) => table[c]?.[lang] ?? c).join(lang === 'zh' ? '、' : ', ');
}

/** SPEC §3 line flags, as a refusal names the goods they mark. */
export const LINE_FLAG_LABELS: Record<LineFlag, Label> = {
  customized: { zh: '定制商品', en: 'customized goods' },
  perishable: { zh: '生鲜商品', en: 'fresh produce' },
  digital: { zh: '数字化商品', en: 'digital content' },
  periodical: { zh: '报纸期刊', en: 'newspapers and periodicals' },
  hygiene_opened: { zh: '已拆封的卫生用品', en: 'opened hygiene products' },
  virtual: { zh: '虚拟商品', en: 'virtual goods' },
  no_reason_excluded: { zh: '商品', en: 'this item' },
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An instant as people read it in the platform zone: "3月11日 00:00" / "11 Mar 00:00", the year only when it is not this one. */
export function dateWords(at: Instant, now: Instant, tz: string): Label {
  const d = new Date(at + zoneOffset(tz, at));
  const y = d.getUTCFullYear();
  const sameYear = y === new Date(now + zoneOffset(tz, now)).getUTCFullYear();
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return {
    zh: `${sameYear ? '' : `${y}年`}${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm}`,
    en: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${sameYear ? '' : ` ${y}`} ${hm}`,
  };
}

/** A line by its title: 「定制印花T恤」 / “定制印花T恤” (its id when it has none). */
export const lineName = (l: OrderLine): Label => (l.title ? { zh: `「${l.title}」`, en: `“${l.title}”` } : { zh: `商品 ${l.id}`, en: `line ${l.id}` });

/** Fen as yuan: 12345 → ¥123.45. */
export const yuan = (fen: Fen) => `¥${(fen / 100).toFixed(2)}`;

/** SPEC §13: minor units in their currency's sign, as the timeline writes them: ¥123.45, $25.99. */
export const moneyOf = (minor: Fen, currency: Currency): string =>
  currency === 'CNY' ? yuan(minor) : `${minor < 0 ? '-' : ''}$${(Math.abs(minor) / 100).toFixed(2)}`;
