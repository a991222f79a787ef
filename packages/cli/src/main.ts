import { readFileSync } from 'node:fs';
import { commands } from './commands/index.js';
import { InputError, messageOf } from './commands/input.js';
import { UsageError, type CommandIO } from './commands/types.js';

/** The package's version, read from its package.json (src/ and dist/ are both one level below it), so a release bump needs no code change. */
function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    'Usage: distill-guard <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `distill-guard <command> --help` for the options of a command.',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`distill-guard: unknown command '${name}'.\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  // `distill-guard audit verify: ...`: messages name the subcommand too.
  const prefix = `distill-guard ${name}${rest[0] !== undefined && command.subcommands?.includes(rest[0]) ? ` ${rest[0]}` : ''}`;
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${prefix}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    // Errors from the core carry their own `distill-guard:` prefix; it is never printed twice.
    io.stderr.write(`${prefix}: ${messageOf(err)}\n`);
    if (err instanceof InputError && err.hint) io.stderr.write(`  hint: ${err.hint}\n`);
    return 1;
  }
}
