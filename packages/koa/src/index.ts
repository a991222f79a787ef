export { distillGuard, type DistillGuardMiddleware } from './middleware.js';
export { claudeRoute } from './claude-route.js';
export { adminRouter, type AdminRouter } from './admin.js';
export type { DistillGuardOptions } from './options.js';
// What an app using this adapter calls from core, so one import serves it; everything else (the
// detector, the shield, audit and replay tools) is imported from @distill-guard/core itself.
export {
  memoryStore,
  redisStore,
  hashApiKey,
  manualClock,
  systemClock,
  FlagList,
  DistillGuardError,
  InvalidRequestError,
  OptionsError,
  StoreError,
  anthropicErrorBody,
  internalErrorResponse,
  readJsonBody,
  type AdminOptions,
  type ClaudeRouteOptions,
  type Clock,
  type Decision,
  type FlagEntry,
  type Guard,
  type GuardEvents,
  type GuardOptions,
  type Identity,
  type Logger,
  type MatchOption,
  type MessagesBody,
  type MemoryStoreOptions,
  type OtherRoutes,
  type Outcome,
  type RedisStoreOptions,
  type Store,
} from '@distill-guard/core';
