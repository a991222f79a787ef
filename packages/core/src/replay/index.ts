export { replay, guardTarget, type ReplayTarget, type ReplayOptions } from './replay.js';
export { readLog, openLog, isGzipFile, type LogLine, type LogRecord } from './log-reader.js';
export { formatReportTable, sortIdentities, type ReplayIdentity, type ReplayReport, type ReplaySummary } from './report.js';
export { scriptedHarvester, humanChatSession, toLogLines, interleave, prng, type TrafficStep, type HarvesterOptions, type HumanOptions } from './generators.js';
export { servedOutput, type ServedOutput } from '../claude/index.js';
