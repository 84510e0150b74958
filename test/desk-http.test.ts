import { openPglite, openPostgres } from '../src/store/db.ts';
import { deskHttp } from './desk-http.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

deskHttp('PGlite', () => openPglite());
if (HAVE_PG) deskHttp('PostgreSQL', () => openPostgres(PG_URL));
