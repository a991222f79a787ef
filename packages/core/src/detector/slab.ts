/**
 * Fixed-width rows of numbers cut from shared buffers, for state kept per account or group.
 *
 * Why not one `Float64Array` each: every typed array with its own buffer carries a separate
 * allocation and its bookkeeping, which on the memory store cost about as much again as the
 * account's 163 numbers (docs/detection.md, "State, memory and Redis"). A row here is a view into
 * a buffer shared with `ROWS_PER_CHUNK - 1` others; rows are never returned (the memory state
 * reuses an evicted row for the newcomer), so a chunk lives as long as the state does.
 *
 * @example
 * ```ts
 * const rows = new RowSlab(A.size);
 * const account = rows.next(); // zeroed, A.size numbers
 * ```
 */
export class RowSlab {
  private chunk: Float64Array | undefined;
  private used = 0;

  constructor(
    private readonly width: number,
    private readonly rowsPerChunk = 256,
  ) {}

  /** A new zeroed row of `width` numbers. */
  next(): Float64Array {
    if (this.chunk === undefined || this.used === this.rowsPerChunk) {
      this.chunk = new Float64Array(this.width * this.rowsPerChunk);
      this.used = 0;
    }
    const row = this.chunk.subarray(this.used * this.width, (this.used + 1) * this.width);
    this.used++;
    return row;
  }
}
