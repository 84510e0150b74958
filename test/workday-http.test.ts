import { openPglite, openPostgres } from '../src/store/db.ts';
import { workdayHttp } from './workday-http.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

workdayHttp('PGlite', () => openPglite());
if (HAVE_PG) workdayHttp('PostgreSQL', () => openPostgres(PG_URL));
