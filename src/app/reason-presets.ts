// Issue 16: the reasons a merchant picks from when rejecting an application or refusing a returned
// parcel — an editable list per shop, still allowing free text in the console. A shop that never
// saved any gets the defaults below (the packs carry no reason wording, docs/decisions.md).
import { refuse, type Refusal } from '../domain/errors.ts';
import { listShops } from '../store/shops.ts';
import { readReasonPresets, saveReasonPresets } from '../store/reason-presets.ts';
import type { EngineCore } from './engine-core.ts';
import { canSee, type Principal } from './principal.ts';

/** The commands that take a reason a shop may preset (SPEC §4 `reject`, `refuse_return`). */
export const PRESET_ACTIONS = ['reject', 'refuse_return'] as const;
export type PresetAction = (typeof PRESET_ACTIONS)[number];
export type ReasonPresets = Record<PresetAction, string[]>;

/** At most this many reasons per action, each at most MAX_REASON characters (a reason is sent as the command's `reason`). */
export const MAX_PRESETS = 30;
export const MAX_REASON = 200;

/** The defaults: the grounds SPEC §4 and §7 let a merchant reject or refuse on, in words. */
export const DEFAULT_PRESETS: ReasonPresets = {
  reject: [
    '商品已发出, 请收到货后再申请退货退款',
    '商品不支持七天无理由退货 (详情页已注明)',
    '申请理由与商品实际情况不符, 请补充凭证',
    '已与买家协商一致, 请买家撤销申请',
  ],
  refuse_return: [
    '退回商品影响二次销售 (已拆封/已使用)',
    '退回商品与售出商品不一致',
    '退回商品缺少配件或赠品',
    '包裹为空或数量不符 (附快递拒收证明)',
  ],
};

const noShop = (shopId: string) => refuse('not_found', 'shop', '店铺不存在', `no shop ${shopId}`, { resource: 'shop' });

export function createReasonPresets({ db, clock }: EngineCore) {
  /** Another shop's key (or a buyer) is told there is no such shop (src/app/principal.ts canSee). */
  async function shopFor(p: Principal, shopId: string): Promise<Refusal | null> {
    if (!canSee(p, { shopId }) || p.kind === 'buyer') return noShop(shopId);
    return (await listShops(db, shopId)).length ? null : noShop(shopId);
  }

  async function reasonPresets(p: Principal, shopId: string): Promise<{ shop: string; presets: ReasonPresets; defaults: boolean } | Refusal> {
    const bad = await shopFor(p, shopId);
    if (bad) return bad;
    const saved = await readReasonPresets(db, shopId);
    return { shop: shopId, presets: { ...DEFAULT_PRESETS, ...(saved ?? {}) } as ReasonPresets, defaults: saved === null };
  }

  /** Replaces the shop's list: each action's reasons trimmed, blanks and repeats dropped. */
  async function setReasonPresets(p: Principal, shopId: string, given: Partial<ReasonPresets>): Promise<{ shop: string; presets: ReasonPresets; defaults: boolean } | Refusal> {
    const bad = await shopFor(p, shopId);
    if (bad) return bad;
    const current = await reasonPresets(p, shopId);
    if ('ok' in current) return current;
    const presets = { ...current.presets };
    for (const action of PRESET_ACTIONS) {
      const list = given[action];
      if (list === undefined) continue;
      const clean = [...new Set(list.map((r) => r.trim()).filter(Boolean))];
      if (clean.length > MAX_PRESETS || clean.some((r) => r.length > MAX_REASON)) {
        return refuse('validation', 'reason_presets', `每项最多 ${MAX_PRESETS} 条理由, 每条不超过 ${MAX_REASON} 字`, `at most ${MAX_PRESETS} reasons per action, each at most ${MAX_REASON} characters`, {
          field: action,
          max_items: MAX_PRESETS,
          max_length: MAX_REASON,
        });
      }
      presets[action] = clean;
    }
    await saveReasonPresets(db, shopId, presets, clock.now());
    return { shop: shopId, presets, defaults: false };
  }

  return { reasonPresets, setReasonPresets };
}
