// Shop metrics and the governance cycle (SPEC §8.4–§8.5) in the application layer.
import type { EngineCore } from '../engine-core.ts';
import type { Governance } from '../governance/engine.ts';
import { createCycle } from './cycle.ts';
import { createMetricsMaintenance } from './maintenance.ts';
import { createMetricsReads } from './reads.ts';

export function createMetrics(core: EngineCore, governance: Governance) {
  const cycle = createCycle(core, governance);
  return { ...createMetricsReads(core), ...createMetricsMaintenance(core), ensureCycle: cycle.ensureCycle, replayCycle: cycle.replayCycle, firePlatform: cycle.firePlatform, runCycleIn: cycle.runCycleIn };
}

export type Metrics = ReturnType<typeof createMetrics>;
