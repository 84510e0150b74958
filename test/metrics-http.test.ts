import { openPglite, openPostgres } from '../src/store/db.ts';
import { metricsHttp } from './metrics-http.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

metricsHttp('PGlite', () => openPglite());
if (HAVE_PG) metricsHttp('PostgreSQL', () => openPostgres(PG_URL));
