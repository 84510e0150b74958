// Issue 18: a key's answer is cached per process for KEY_CACHE_MS (no database read per request),
// and a revocation is honoured at once by the process that revoked it and within that time by every
// other process (here: a second engine on the same database, as a second `serve` process would be).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_CACHE_MS } from '../src/app/admin.ts';
import { SimulatedClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { openPglite, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { T0 } from './domain-kit.ts';

describe('API keys: cached per process, revocation honoured within a second everywhere', () => {
  let db: Database;
  let a: Engine;
  let b: Engine;
  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    // A simulated clock that never moves: the cache's lifetime is real elapsed time, not the engine's.
    const make = () => createEngine({ db, packs: builtinPacks(), clock: new SimulatedClock(T0), payments: simulatedProvider(db) });
    a = make();
    b = make();
    await a.upsertShop({ id: 'S1', pack: 'taobao' });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('answers from the cache, forgets a key revoked here at once and one revoked elsewhere within KEY_CACHE_MS', async () => {
    expect(KEY_CACHE_MS).toBeLessThanOrEqual(1_000);
    const key = await a.createKey('S1', 'one');
    const keyId = key.split('_')[1]!;
    expect(await a.authenticate(key, 'secret')).toMatchObject({ kind: 'shop', shopId: 'S1' });
    expect(await b.authenticate(key, 'secret')).toMatchObject({ kind: 'shop', shopId: 'S1' });
    expect(await b.revokeKey('S1', keyId)).toBe(true);
    expect(await b.authenticate(key, 'secret')).toBeNull();
    await new Promise((r) => setTimeout(r, KEY_CACHE_MS + 100));
    expect(await a.authenticate(key, 'secret')).toBeNull();
    // An unknown key is cached as unknown too, and a key made since is known at once (another string).
    const other = await a.createKey('S1', 'two');
    expect(await a.authenticate(other, 'secret')).toMatchObject({ kind: 'shop', shopId: 'S1' });
  });
});
