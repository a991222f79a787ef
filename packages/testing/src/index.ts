export * from './claude/index.js';
export * from './redis/index.js';
