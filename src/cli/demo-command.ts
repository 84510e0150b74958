// `aftersale demo` (what `npm start` runs for now): plays the demo scenarios on an embedded
// database in a data directory and prints the timeline of one case.
import type { Out } from './simulate-command.ts';

export async function demoCommand(_args: string[], _out: Out): Promise<number> {
  return 0;
}
