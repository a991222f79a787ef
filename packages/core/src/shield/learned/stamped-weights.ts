/**
 * The model's hashed weights, each beside the number of the last text that counted it: one
 * 32-bit cell per index, the text's stamp in the high 24 bits and the weight (int8) in the low 8.
 *
 * Why: `hashFeatures` counts each feature once per text, so for every n-gram it read the
 * weight (at random in 256 KiB) and then asked a per-text set whether the index was new (at
 * random again, in a table sized to the text and cleared for each text). With both in one cell,
 * a feature costs one random read and one write to the same cache line, and nothing is cleared
 * per text. The table is 1 MiB (2^18 cells), within the L2 cache of a server core.
 *
 * Stamps run from 1 to 2^24 - 1; when they run out, every cell's stamp is cleared (once per
 * 16 million texts). A 16-bit cell with an 8-bit stamp had to be cleared every 255 texts, which
 * cost a short chat turn more than its own features.
 *
 * @example
 * ```ts
 * const table = stampedWeights(weights);
 * const stamp = table.begin();
 * const cell = table.cells[index]!;
 * if (cell >>> 8 !== stamp) { table.cells[index] = (stamp << 8) | (cell & 0xff); sum += (cell << 24) >> 24; }
 * ```
 */
export class StampedWeights {
  /** `stamp << 8 | (weight & 0xff)` per index. */
  readonly cells: Int32Array;
  private stamp = 0;

  constructor(readonly weights: Int8Array) {
    // Each weight's byte as 0..255 (`weight & 0xff`), converted natively: a loop here ran in the
    // interpreter at the first scored text and took 10-15 ms.
    this.cells = new Int32Array(new Uint8Array(weights.buffer, weights.byteOffset, weights.length));
  }

  /** Starts a new text: returns its stamp (1 to 2^24 - 1), which no cell holds yet. */
  begin(): number {
    if (++this.stamp === 1 << 24) {
      const cells = this.cells;
      for (let i = 0; i < cells.length; i++) cells[i] = cells[i]! & 0xff;
      this.stamp = 1;
    }
    return this.stamp;
  }
}

let last: StampedWeights | undefined;

/**
 * The stamped table of `weights`, built when another array is asked for than the last one. The
 * scorer and training ask for the model's one array, which is never written to; a caller that
 * changed an array's weights in place would have to pass a new array.
 */
export function stampedWeights(weights: Int8Array): StampedWeights {
  if (last === undefined || last.weights !== weights) last = new StampedWeights(weights);
  return last;
}
