#!/usr/bin/env node
import { CLAUDE_CLI_USAGE, parseClaudeCliArgs, type ClaudeCliArgs } from '../claude/cli.js';
import { startClaudeServer } from '../claude/server.js';

async function main(): Promise<void> {
  let args: ClaudeCliArgs;
  try {
    args = parseClaudeCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`distill-guard-claude: ${(error as Error).message}\n\n${CLAUDE_CLI_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(`${CLAUDE_CLI_USAGE}\n`);
    return;
  }
  const server = await startClaudeServer(args.options);
  process.stdout.write(
    `Offline Claude (Messages API) listening on ${server.url}\n` +
      `  new Anthropic({ apiKey: 'any-key', baseURL: '${server.url}' })\n` +
      '  Ctrl+C to stop\n',
  );
  const shutdown = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`distill-guard-claude: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
