// Environment variables for a describe block of CLI tests (the commands read AFTERSALE_DATA_DIR,
// DATABASE_URL and the secrets from process.env): set before its tests, put back after.
import { afterAll, beforeAll } from 'vitest';

const set = (name: string, value: string | undefined) => {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};

/** `undefined` removes a variable. Call it before the block's own beforeAll, which then sees them. */
export function withEnv(vars: Record<string, string | undefined>): void {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [name, value] of Object.entries(vars)) {
      saved[name] = process.env[name];
      set(name, value);
    }
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) set(name, value);
  });
}
