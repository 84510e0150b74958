import { openPglite, openPostgres } from '../src/store/db.ts';
import { governanceHttp } from './governance-http.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

governanceHttp('PGlite', () => openPglite());
if (HAVE_PG) governanceHttp('PostgreSQL', () => openPostgres(PG_URL));
