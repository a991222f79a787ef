export * from './request/index.js';
export * from './decision/index.js';
