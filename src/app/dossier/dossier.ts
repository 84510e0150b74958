// A case dossier (案件卷宗, issue 16): everything a court, a regulator (12315) or an auditor asks
// for about one case, gathered for a caller who may see the case (SPEC §11: anyone else is told
// it does not exist) and laid out as a PDF (./pdf.ts). The history is the stored, hash-chained one
// (SPEC §7); the dossier names its head hash and how to check it with the CLI.
import { verifyEvents } from '../../store/history.ts';
import { readEvidenceFile } from '../../store/evidence-files.ts';
import { shopNames } from '../../store/shops.ts';
import type { EngineCore } from '../engine-core.ts';
import { canSee, type Principal } from '../principal.ts';
import type { createReads } from '../reads.ts';
import { shownActor, describeEvent } from '../timeline.ts';
import type { Actor } from '../../domain/types.ts';
import { renderDossier, type DossierData } from './pdf.ts';

type Reads = Pick<ReturnType<typeof createReads>, 'caseFor' | 'caseDetailInputs'>;

export function createDossier(core: EngineCore, reads: Reads) {
  const { db, packs, clock } = core;

  /** What the dossier shows of the case, or null when the caller may not see it. */
  async function dossierData(p: Principal, caseId: string, tz: string): Promise<DossierData | null> {
    const seen = await reads.caseFor(p, caseId);
    if (!seen || !canSee(p, seen)) return null;
    const inputs = await reads.caseDetailInputs(p, seen, undefined, { timeline: true });
    if (!inputs) return null;
    const { case: c, order, policy } = inputs;
    // Asked for (timeline: true), so read: a dossier never goes out without its history.
    const history = inputs.history!;
    const pack = policy ? packs.get(policy.pack) : undefined;
    const files = [];
    // Each file the case names, once (a party may cite the same file twice).
    for (const sha of new Set(c.evidence.map((e) => e.sha256).filter((s): s is string => !!s))) {
      const f = await readEvidenceFile(db, c.shopId, c.id, sha);
      if (f) files.push({ sha256: sha, ...f });
    }
    return {
      case: c,
      order,
      shopName: (await shopNames(db, [c.shopId])).get(c.shopId) ?? null,
      tz,
      generatedAt: clock.now(),
      policy: policy ? { pack: policy.pack, packName: pack?.name ?? null, versionInForce: policy.version, versionsUsed: c.policyVersions } : null,
      events: history.map((e) => ({
        version: e.stream_version,
        at: e.data.at,
        type: e.type,
        actor: shownActor(e.data, e.actor as Actor),
        words: describeEvent(e.data, tz, order.currency),
        hash: e.hash,
      })),
      headHash: history.at(-1)?.hash ?? null,
      intact: verifyEvents(history).length === 0,
      files,
    };
  }

  /** The dossier as a PDF, or null when the caller may not see the case. */
  async function caseDossier(p: Principal, caseId: string, tz: string): Promise<Buffer | null> {
    const data = await dossierData(p, caseId, tz);
    return data ? renderDossier(data) : null;
  }

  return { caseDossier };
}
