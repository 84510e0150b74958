import { openPglite, openPostgres } from '../src/store/db.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';
import { ticketAttachmentsHttp } from './ticket-attachments-http.ts';

ticketAttachmentsHttp('PGlite', () => openPglite());
if (HAVE_PG) ticketAttachmentsHttp('PostgreSQL', () => openPostgres(PG_URL));
