import { positionOf } from './choice.js';
import { Scanner } from './scanner.js';

/** What suspect texts say at one position: how often they use each member there. */
export interface PositionVotes {
  /** `pair id` NUL `previous word`, the input of the keyed hash. */
  position: string;
  votes: [number, number];
}

/**
 * The positions of suspect texts, gathered once and scored against any number of keys: the
 * pairs the texts use and the word before each, counted per position. Nothing here depends on
 * a key, which is what makes the test exact (see `scoreEvidence`).
 *
 * @example
 * ```ts
 * const evidence = new WatermarkEvidence();
 * for (const text of suspectTexts) evidence.addText(text);
 * scoreEvidence(evidence, watermarkKey(secret)).pValue;
 * ```
 */
export class WatermarkEvidence {
  /** Texts read. */
  texts = 0;
  /** Occurrences of a pair outside protected spans. */
  occurrences = 0;
  readonly positions = new Map<string, PositionVotes>();
  private readonly scanner = new Scanner((o) => {
    this.occurrences++;
    const position = positionOf(o);
    let p = this.positions.get(position);
    if (!p) {
      p = { position, votes: [0, 0] };
      this.positions.set(position, p);
    }
    p.votes[o.member]++;
    return undefined;
  });

  /** Reads one whole text. */
  addText(text: string): void {
    this.scanner.whole(text);
    this.texts++;
  }

  /** Reads one text in pieces (a large file, line by line): `push` each, then `endText`. */
  push(chunk: string): void {
    this.scanner.push(chunk);
  }

  endText(): void {
    this.scanner.end();
    this.texts++;
  }
}
