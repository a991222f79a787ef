/** Where a command writes; injected so tests run commands in-process. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Whether stderr is a terminal (progress indicators only then). */
  isTTY: boolean;
}

/** One `distill-guard <name>` command. */
export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** Full usage text for `distill-guard <name> --help`. */
  usage: string;
  /** Subcommands (`audit verify`): named in the command's error messages. */
  subcommands?: readonly string[];
  /** Returns the process exit code. Throw `UsageError` for bad arguments (exit 2 with usage). */
  run(argv: string[], io: CommandIO): Promise<number>;
}

/** Bad command-line arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
