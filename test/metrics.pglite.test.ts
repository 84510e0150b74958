import { openPglite } from '../src/store/db.ts';
import { metricsContract } from './metrics-contract.ts';

metricsContract('PGlite (in memory)', () => openPglite());
