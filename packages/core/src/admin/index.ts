export { createAdminHandler, type AdminHandler, type AdminRequest, type AdminResponse, type IdentityExplanation } from './handler.js';
export { parseAdminOptions, ADMIN_OPTION_KEYS, type AdminOptions, type ResolvedAdminOptions } from './options.js';
export {
  AdminCollector,
  trafficClass,
  ADMIN_COLLECTOR_DEFAULTS,
  type AdminCollectorOptions,
  type AdminCollectorTotals,
  type AdminDecision,
  type FlagChange,
  type IdentityActivityHistory,
  type IdentityActivity,
  type ResolvedAdminCollectorOptions,
  type ScorePoint,
  type TrafficSeries,
  type TrafficPoint,
  type TrafficClass,
  type VerdictChange,
} from './collector.js';
export { tokenMatcher, presentedToken, MIN_ADMIN_TOKEN_LENGTH } from './token.js';
export { DASHBOARD_CSP } from './dashboard/index.js';
