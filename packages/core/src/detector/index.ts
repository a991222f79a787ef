export { createDetector, type Detector } from './detector.js';
export { detectorAccountKeys, verdictKey } from './keys.js';
export { resetDetectorState } from './reset.js';
export { parseDetectorOptions, isAllowed, isIntegration, SIGNAL_NAMES, DEFAULT_THRESHOLDS, DEFAULT_PROBATION, type DetectorOptions, type ResolvedDetectorOptions, type SignalName } from './options.js';
export type { ProbationOptions } from './probation.js';
export { WEIGHTS, BIAS, SHAPE_SIGNALS, scoreAccount, scoreGroup, scoreCohort, type PopulationView } from './signals.js';
export { A as ACCOUNT_FIELDS, G as GROUP_FIELDS } from './schema.js';
// The prompt fingerprint the detector's signals read (task family, style, capability), for tools
// that study or simulate traffic: the white-box campaigns in bench/adversary pick tasks by it.
export { promptFingerprint, promptSkeleton, type PromptFingerprint } from '../fingerprint/index.js';
