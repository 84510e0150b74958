import { describe, it } from 'vitest';
import { openPostgres } from '../src/store/db.ts';
import { metricsContract } from './metrics-contract.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

if (HAVE_PG) metricsContract('PostgreSQL', () => openPostgres(PG_URL));
else describe.skip('shop metrics store contract on PostgreSQL (server not reachable)', () => it('skipped', () => undefined));
