// How complaint rulings reach the shop (SPEC §8.1–§8.2): the app runs, after a complaint's
// events are stored, the shop commands they call for. Points count from the ruling's instant and
// come off at the reversal's, whenever the shop command runs.
import type { ComplaintEvent } from '../complaint/events.ts';
import type { ComplaintState } from '../complaint/types.ts';
import type { ShopCommand } from './commands.ts';

export function shopCommandsFor(complaint: Pick<ComplaintState, 'id' | 'shopId'>, events: readonly ComplaintEvent[]): ShopCommand[] {
  const out: ShopCommand[] = [];
  const base = { shopId: complaint.shopId, complaintId: complaint.id, actor: { role: 'system' as const } };
  for (const e of events) {
    if (e.type === 'ComplaintRuled' && e.outcome === 'upheld') out.push({ ...base, kind: 'record_points', points: e.points, at: e.at });
    if (e.type === 'AppealRuled' && e.outcome === 'accepted') out.push({ ...base, kind: 'remove_points', at: e.at });
  }
  return out;
}
