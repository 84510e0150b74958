import { openPglite, openPostgres } from '../src/store/db.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';
import { dossierHttp } from './dossier-http.ts';

dossierHttp('PGlite', () => openPglite());
if (HAVE_PG) dossierHttp('PostgreSQL', () => openPostgres(PG_URL));
