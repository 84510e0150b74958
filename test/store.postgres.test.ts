import { describe, it } from 'vitest';
import { openPostgres } from '../src/store/db.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';
import { storeContract } from './store-contract.ts';

if (HAVE_PG) storeContract('PostgreSQL', () => openPostgres(PG_URL));
else describe.skip('store contract on PostgreSQL (server not reachable)', () => it('skipped', () => undefined));
