import { openPglite, openPostgres } from '../src/store/db.ts';
import { evidenceContract } from './evidence-contract.ts';
import { httpContract } from './http-contract.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

httpContract('PGlite', () => openPglite());
if (HAVE_PG) httpContract('PostgreSQL', () => openPostgres(PG_URL));
evidenceContract('PGlite', () => openPglite());
if (HAVE_PG) evidenceContract('PostgreSQL', () => openPostgres(PG_URL));
