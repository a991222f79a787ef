import type { ClaudeServerOptions } from './types.js';

export const CLAUDE_CLI_USAGE = `Usage: distill-guard-claude [options]

Runs the offline Claude-compatible Messages API until interrupted.

Options:
  --port <n>            port to listen on (default 8787; 0 picks a free one)
  --host <addr>         interface to bind (default 127.0.0.1)
  --api-key <key>       accept only this API key (default: any non-empty key)
  --latency <ms>        delay before the first byte of each reply (default 0)
  --chunk-delay <ms>    delay between stream deltas (default 0)
  --chunk-size <n>      tokens per stream delta (default 4)
  --no-directives       ignore [[mock:...]] directives in prompts
  -h, --help            show this help`;

/** What the command line asks for: server options, or help. */
export type ClaudeCliArgs = { help: true } | { help: false; options: ClaudeServerOptions & { port: number } };

function numberArg(flag: string, value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(number) || number < 0) {
    throw new Error(`${flag} needs a number >= 0, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }
  return number;
}

/**
 * Parses the `distill-guard-claude` command line; throws an Error naming the bad flag.
 *
 * @example
 * parseClaudeCliArgs(['--port', '9000']); // { help: false, options: { port: 9000 } }
 */
export function parseClaudeCliArgs(argv: string[]): ClaudeCliArgs {
  const options: ClaudeServerOptions & { port: number } = { port: 8787 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        return { help: true };
      case '--port':
        options.port = numberArg(flag, value());
        break;
      case '--host': {
        const host = value();
        if (!host) throw new Error('--host needs an address');
        options.host = host;
        break;
      }
      case '--api-key': {
        const key = value();
        if (!key) throw new Error('--api-key needs a value');
        options.apiKey = key;
        break;
      }
      case '--latency':
        options.latencyMs = numberArg(flag, value());
        break;
      case '--chunk-delay':
        options.chunkDelayMs = numberArg(flag, value());
        break;
      case '--chunk-size':
        options.chunkSize = numberArg(flag, value());
        break;
      case '--no-directives':
        options.directives = false;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return { help: false, options };
}
