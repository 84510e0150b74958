import { openPglite, openPostgres } from '../src/store/db.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';
import { workerContract } from './worker-contract.ts';

workerContract('PGlite', () => openPglite());
if (HAVE_PG) workerContract('PostgreSQL', () => openPostgres(PG_URL));
