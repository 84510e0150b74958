// Shop metrics and the governance cycle (SPEC §8.4–§8.5) in the application layer.
import type { EngineCore } from '../engine-core.ts';
import type { Governance } from '../governance/engine.ts';
import { createCycle } from './cycle.ts';
import { createMetricsMaintenance } from './maintenance.ts';
import { createMetricsReads } from './reads.ts';
import { createPerformanceReview } from './performance.ts';
import { REVIEW_KIND } from '../../store/metrics.ts';
import type { DueDeadline } from '../../store/event-store.ts';

export function createMetrics(core: EngineCore, governance: Governance) {
  const cycle = createCycle(core, governance);
  const review = createPerformanceReview(core, governance);
  // Platform deadlines: the §8.5 cycle and the §13 daily performance review.
  const firePlatform = (d: DueDeadline) => (d.kind === REVIEW_KIND ? review.fireReview(d) : cycle.firePlatform(d));
  return {
    ...createMetricsReads(core),
    ...createMetricsMaintenance(core),
    ensureCycle: cycle.ensureCycle,
    replayCycle: cycle.replayCycle,
    firePlatform,
    runCycleIn: cycle.runCycleIn,
    ensureReview: review.ensureReview,
    reviewAt: review.reviewAt,
    sellerPerformance: review.sellerPerformance,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
