export { Limits, MIN_OUTPUT_GRANT, Reservation, type Consumption, type Demand } from './limits.js';
export { parseLimitsOptions, DEFAULT_LIMITS, CONCURRENCY_SLOT_TTL_SECONDS, type LimitRule, type LimitSetting, type LimitsOptions, type LimitSpec, type ScopeLimits } from './options.js';
export { parseWindow, windowLabel, type Window } from './window.js';
