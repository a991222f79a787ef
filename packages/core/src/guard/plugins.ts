// Kept while files outside this folder still import the contracts from here; they live in contracts/.
export type { DetectorInput, DetectorPlugin, DetectorResult, GuardContext, GuardEvents, InjectionScan } from '../contracts/index.js';
