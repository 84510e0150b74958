// Reading a user's input file: a missing or unreadable file is one line naming it (exit code 2).
import { readFileSync } from 'node:fs';
import type { Out } from './simulate-command.ts';

export function readInputFile(file: string, out: Out): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    out.error(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return null;
  }
}
