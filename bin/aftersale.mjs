#!/usr/bin/env node
// The `aftersale` command runs the compiled server (dist/server, made by `npm run build`). In a
// development checkout whose sources are newer than the build (or never built), it runs the
// TypeScript sources through tsx, a development dependency, so tests always run the code as it is.
import { isStale } from '../scripts/build-state.mjs';

let main;
if (!isStale('server')) {
  ({ main } = await import('../dist/server/cli/main.js'));
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error('aftersale: the server is not built (or older than its sources): run `npm run build`');
    process.exit(2);
  }
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
