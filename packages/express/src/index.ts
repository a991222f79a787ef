export { distillGuard, type DistillGuardMiddleware } from './middleware.js';
export { claudeRoute } from './claude-route.js';
export { adminRouter, type AdminRouter } from './admin.js';
export type { DistillGuardOptions } from './options.js';
export * from '@distill-guard/core';
