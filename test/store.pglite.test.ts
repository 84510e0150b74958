import { openPglite } from '../src/store/db.ts';
import { storeContract } from './store-contract.ts';

storeContract('PGlite (in memory)', () => openPglite());
