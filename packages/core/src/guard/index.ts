export { createGuard } from './create-guard.js';
export { Guard, guardOf, type BodyValidator, type InjectionScanner, type RequestLimitScope } from './guard.js';
export { parseOptions, GUARD_OPTION_KEYS, type GuardOptions, type ResolvedGuardOptions } from './options.js';
export type { DetectorInput, DetectorPlugin, DetectorResult, GuardContext, GuardEvents, InjectionScan } from '../contracts/index.js';
export { requestId } from './request-id.js';
