import type { Command } from './types.js';
import { auditCommand } from './audit.js';
import { flaggedCommand } from './flagged.js';
import { replayCommand } from './replay.js';
import { reportCommand } from './report.js';
import { scanCommand } from './scan.js';
import { watermarkCommand } from './watermark.js';

/** Every command of the CLI. Add a command by importing it here. */
export const commands: Command[] = [auditCommand, reportCommand, flaggedCommand, replayCommand, scanCommand, watermarkCommand];
