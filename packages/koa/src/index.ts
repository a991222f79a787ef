export { distillGuard, type DistillGuardMiddleware } from './middleware.js';
export { claudeRoute } from './claude-route.js';
export { adminRouter, type AdminRouter } from './admin.js';
export type { DistillGuardOptions } from './options.js';
// Core's root is what an application needs (the stores, hashApiKey, clocks, FlagList, errors,
// responses and types), so one import serves an app; the parts (detector, shield, audit, replay)
// are core's subpaths.
export * from '@distill-guard/core';
