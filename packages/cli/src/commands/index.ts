import type { Command } from './types.js';

/** Every command of the CLI. Add a command by importing it here. */
export const commands: Command[] = [];
