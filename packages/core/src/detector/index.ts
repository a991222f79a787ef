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
// The reasoning reading of a served answer that `answer-reasoning` and the reasoning allowance
// count (layout and content), for tools that study traffic: bench/adversary counts the busiest
// day of each account with it.
export { answerReasoningProbability } from './answer-evidence.js';
export { seedAnswerSampling } from '../fingerprint/index.js';
