import { openPglite, openPostgres } from '../src/store/db.ts';
import { consoleApiContract } from './console-api-contract.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

consoleApiContract('PGlite', () => openPglite());
if (HAVE_PG) consoleApiContract('PostgreSQL', () => openPostgres(PG_URL));
