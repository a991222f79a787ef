// Scores a replay report against the development log's truth, with the formulas of the detection
// benchmark (detected = verdict flag or block; served = allowed as asked).
//
//   node bench/score-detection.mjs "$DG_DETECTION_DEV/truth.json" report.json
import { readFile } from 'node:fs/promises';
import { scoreDetection } from './lib/detection-score.mjs';

const [truthPath, reportPath] = process.argv.slice(2);
if (!truthPath || !reportPath) {
  console.error('usage: node bench/score-detection.mjs <truth.json> <report.json>');
  process.exit(2);
}
const truth = JSON.parse(await readFile(truthPath, 'utf8'));
const report = JSON.parse(await readFile(reportPath, 'utf8'));
console.log(JSON.stringify(scoreDetection(truth, report), null, 1));
