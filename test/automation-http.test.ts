import { openPglite, openPostgres } from '../src/store/db.ts';
import { automationHttp } from './automation-http.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

automationHttp('PGlite', () => openPglite());
if (HAVE_PG) automationHttp('PostgreSQL', () => openPostgres(PG_URL));
