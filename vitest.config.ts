import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a page or a worker does asynchronously; 1 s (the default) is
    // too short on a loaded two-core CI machine. A poll that never succeeds still fails.
    expect: { poll: { timeout: 15_000 } },
  },
});
