import { main } from './main.js';

/** Runs the CLI on this process's arguments and sets its exit code. */
export function runCli(): void {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stderr.isTTY) }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`distill-guard: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
