import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli } from './run.js';

export { main } from './main.js';
export { commands } from './commands/index.js';
export { UsageError, type Command, type CommandIO } from './commands/types.js';
export { runCli } from './run.js';

// `node dist/index.js replay …` works like the `distill-guard` command; importing does nothing.
if (process.argv[1] !== undefined && isThisFile(process.argv[1])) runCli();

function isThisFile(path: string): boolean {
  try {
    return realpathSync(path) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
