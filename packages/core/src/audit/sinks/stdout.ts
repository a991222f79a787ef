import type { AuditSink } from './types.js';

/**
 * One JSON line per event on a stream (stdout by default). Each line has pino's `level`, `time`
 * and `msg`, so `pino-pretty` and log shippers read it as they read the app's own logs.
 */
export class StreamSink implements AuditSink {
  readonly name = 'stdout';
  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {}

  write(lines: readonly string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      // The callback fires once the chunk is handed to the OS, which is what a flush on exit needs.
      this.stream.write(lines.join(''), (err) => (err ? reject(err) : resolve()));
    });
  }
}
