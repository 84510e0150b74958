#!/usr/bin/env node
// The `aftersale` command runs the compiled server (dist/server, made by `npm run build`). In a
// development checkout whose sources are newer than the build (or never built), it runs the
// TypeScript sources through tsx, a development dependency, so tests always run the code as it is.
// `--build` (what `npm start` passes) first builds whatever is missing or stale, in this process.
// This is the composition root: it hands the CLI the HTTP server's `serve` (the CLI and HTTP
// layers never import each other).
import { isStale } from '../scripts/build-state.mjs';

const args = process.argv.slice(2);
if (args.includes('--build')) {
  args.splice(args.indexOf('--build'), 1);
  await (await import('../scripts/build.mjs')).build();
}
let from = '../dist/server';
let ext = 'js';
if (isStale('server')) {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error('aftersale: the server is not built (or older than its sources): run `npm run build`');
    process.exit(2);
  }
  register();
  from = '../src';
  ext = 'ts';
}
const { main } = await import(`${from}/cli/main.${ext}`);
process.exitCode = await main(args, undefined, {
  serve: async () => (await import(`${from}/http/serve-command.${ext}`)).serveCommand,
});
