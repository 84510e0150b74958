import { openPglite, openPostgres } from '../src/store/db.ts';
import { deskWorker } from './desk-worker.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

deskWorker('PGlite', () => openPglite());
if (HAVE_PG) deskWorker('PostgreSQL', () => openPostgres(PG_URL));
