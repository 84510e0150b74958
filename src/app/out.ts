// Where a command writes: lines for the user (stdout) and errors (stderr). Commands return their
// exit code and write here, so tests capture what they say.
export interface Out {
  log(line: string): void;
  error(line: string): void;
}
