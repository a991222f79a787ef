export { createDetector, type Detector } from './detector.js';
export { detectorAccountKeys, verdictKey } from './keys.js';
export { parseDetectorOptions, isAllowed, SIGNAL_NAMES, DEFAULT_THRESHOLDS, type DetectorOptions, type ResolvedDetectorOptions, type SignalName } from './options.js';
export { WEIGHTS, BIAS, scoreAccount, scoreGroup, type PopulationView } from './signals.js';
export { A as ACCOUNT_FIELDS, G as GROUP_FIELDS } from './schema.js';
