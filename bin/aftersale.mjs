#!/usr/bin/env node
// The `aftersale` command. The sources are TypeScript run through tsx (no build step), so the
// command always runs the code in the checkout. This is the composition root: it hands the CLI
// the HTTP server's `serve` (the CLI and HTTP layers never import each other).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), undefined, {
  serve: async () => (await import('../src/http/serve-command.ts')).serveCommand,
});
