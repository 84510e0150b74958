// Carriers a return or a replacement may travel with (issue 15: "carrier “x”, tracking “1”
// accepted"): the main Chinese express companies by their usual short codes, or `OTHER` with a
// name. Tracking numbers are letters and digits; each carrier's usual format is known here only to
// warn the merchant (a number that does not match may still be right: scenario files and test
// parcels use short numbers), never to refuse.
import { refuse, type Refusal } from './errors.ts';
import type { Label } from './labels.ts';

export const CARRIERS = ['SF', 'YTO', 'ZTO', 'STO', 'YD', 'JD', 'EMS', 'JT', 'DBL', 'OTHER'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const CARRIER_LABELS: Record<Carrier, Label> = {
  SF: { zh: '顺丰速运', en: 'SF Express' },
  YTO: { zh: '圆通速递', en: 'YTO Express' },
  ZTO: { zh: '中通快递', en: 'ZTO Express' },
  STO: { zh: '申通快递', en: 'STO Express' },
  YD: { zh: '韵达快递', en: 'Yunda Express' },
  JD: { zh: '京东物流', en: 'JD Logistics' },
  EMS: { zh: '中国邮政 EMS', en: 'China Post EMS' },
  JT: { zh: '极兔速递', en: 'J&T Express' },
  DBL: { zh: '德邦快递', en: 'Deppon Express' },
  OTHER: { zh: '其他快递', en: 'another carrier' },
};

/** Other spellings people and shop systems use for the same carriers. */
const ALIASES: Record<string, Carrier> = {
  YUNDA: 'YD',
  JTEXPRESS: 'JT',
  DEPPON: 'DBL',
  DEPPON_EXPRESS: 'DBL',
  CHINAPOST: 'EMS',
  顺丰: 'SF',
  顺丰速运: 'SF',
  圆通: 'YTO',
  圆通速递: 'YTO',
  中通: 'ZTO',
  中通快递: 'ZTO',
  申通: 'STO',
  申通快递: 'STO',
  韵达: 'YD',
  韵达快递: 'YD',
  京东: 'JD',
  京东物流: 'JD',
  邮政: 'EMS',
  中国邮政: 'EMS',
  极兔: 'JT',
  极兔速递: 'JT',
  德邦: 'DBL',
  德邦快递: 'DBL',
};

/**
 * Usual tracking formats (from the carriers' published waybill numbers; approximate on purpose:
 * they only decide whether the merchant sees a warning).
 */
const USUAL_FORMAT: Partial<Record<Carrier, RegExp>> = {
  SF: /^(SF\d{12,13}|\d{12})$/,
  YTO: /^(YT\d{13}|\d{10})$/,
  ZTO: /^\d{12,15}$/,
  STO: /^\d{12,13}$/,
  YD: /^\d{13,15}$/,
  JD: /^JD[A-Z]{0,2}\d{10,15}$/,
  EMS: /^([A-Z]{2}\d{9}[A-Z]{2}|\d{13})$/,
  JT: /^JT\d{13}$/,
  DBL: /^(DPK\d{12}|\d{10})$/,
};

export const TRACKING_PATTERN = /^[A-Za-z0-9]{1,40}$/;

/** The carrier's code for what a party typed (code, alias or Chinese name), or null. */
export function carrierCode(input: string): Carrier | null {
  const t = input.trim();
  const up = t.toUpperCase();
  if ((CARRIERS as readonly string[]).includes(up)) return up as Carrier;
  return ALIASES[up] ?? ALIASES[t] ?? null;
}

export interface Parcel {
  carrier: Carrier;
  carrierName: string | null;
  tracking: string;
}

/** A parcel a party names (carrier, its name when `OTHER`, tracking), or why it is refused. */
export function checkParcel(carrier: string | undefined, tracking: string | undefined, carrierName?: string): Parcel | Refusal {
  if (!carrier?.trim()) return refuse('validation', 'carrier', '请选择快递公司', 'choose the carrier', { field: 'carrier' });
  const code = carrierCode(carrier);
  if (code === null) {
    return refuse('validation', 'carrier', `不认识的快递公司「${carrier}」: 请从列表中选择, 或选「其他快递」并填写名称`, `unknown carrier “${carrier}”: choose one from the list, or “another carrier” with its name`, {
      field: 'carrier',
      carriers: [...CARRIERS],
    });
  }
  const name = carrierName?.trim() || null;
  if (code === 'OTHER' && !name) return refuse('validation', 'carrier_name', '选择「其他快递」时请填写快递公司名称', 'name the carrier when choosing “another carrier”', { field: 'carrier_name' });
  const t = tracking?.trim() ?? '';
  if (!t) return refuse('validation', 'tracking', '请填写运单号', 'fill in the tracking number', { field: 'tracking' });
  if (!TRACKING_PATTERN.test(t)) {
    return refuse('validation', 'tracking', '运单号只能包含字母和数字 (最多 40 位)', 'a tracking number has letters and digits only (at most 40)', { field: 'tracking' });
  }
  return { carrier: code, carrierName: code === 'OTHER' ? name : null, tracking: t };
}

/** A warning when a tracking number does not look like its carrier's usual ones (null: it does, or no format is known). */
export function trackingWarning(carrier: string, tracking: string): Label | null {
  const code = carrierCode(carrier);
  const format = code ? USUAL_FORMAT[code] : undefined;
  if (!code || !format || format.test(tracking.toUpperCase())) return null;
  const c = CARRIER_LABELS[code];
  return {
    zh: `运单号 ${tracking} 与${c.zh}常见的运单号格式不符, 请核对物流信息`,
    en: `tracking number ${tracking} does not look like a usual ${c.en} number: check the parcel`,
  };
}
