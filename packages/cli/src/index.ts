export { main } from './main.js';
export { commands } from './commands/index.js';
export { UsageError, type Command, type CommandIO } from './commands/types.js';
