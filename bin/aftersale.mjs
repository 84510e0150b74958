#!/usr/bin/env node
// The `aftersale` command. The sources are TypeScript run through tsx (no build step), so the
// command always runs the code in the checkout.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
