// The names people read for the ticket codes of SPEC §10.1, in zh-CN and English (lower case:
// used inside sentences), as the platforms' service desks show them (咨询, 投诉, 物流, 发票).
import type { Label } from '../labels.ts';
import type { CarrierClaimKind, TicketKind, TicketSla, TicketStatus } from './types.ts';

export const TICKET_KIND_LABELS: Record<TicketKind, Label> = {
  consultation: { zh: '咨询', en: 'consultation' },
  complaint: { zh: '投诉', en: 'complaint' },
  logistics: { zh: '物流', en: 'logistics' },
  invoice: { zh: '发票', en: 'invoice' },
};

export const TICKET_STATUS_LABELS: Record<TicketStatus, Label> = {
  open: { zh: '处理中', en: 'open' },
  resolved: { zh: '已解决', en: 'resolved' },
  closed: { zh: '已关闭', en: 'closed' },
};

export const TICKET_SLA_LABELS: Record<TicketSla, Label> = {
  first_response: { zh: '首次响应', en: 'first response' },
  resolution: { zh: '解决时效', en: 'resolution' },
};

export const CARRIER_CLAIM_KIND_LABELS: Record<CarrierClaimKind, Label> = {
  lost: { zh: '丢件', en: 'lost parcel' },
  damaged: { zh: '破损', en: 'damaged parcel' },
};
