import type { IncomingMessage } from 'node:http';
import { InvalidRequestError } from '../errors/index.js';

/** Default request body limit: far above any chat turn, far below what could exhaust memory. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads and parses a JSON request body with a size limit. Too large: 413 `request_too_large`
 * (reading stops at the limit); not JSON: 400 naming the position; wrong content type: 400.
 * An empty body parses as `undefined` (the guard then reports what is missing).
 */
export async function readJsonBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers['content-type'];
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new InvalidRequestError(`Content-Type must be application/json, got "${type.slice(0, 60)}".`, { code: 'DG_UNSUPPORTED_MEDIA_TYPE' });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > maxBytes) {
        // Stop reading; the connection is closed after the 413 so nothing more is buffered.
        req.pause();
        throw tooLarge(maxBytes);
      }
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof InvalidRequestError) throw err;
    throw new InvalidRequestError('The request body could not be read (the client went away?).', { code: 'DG_BODY_READ_FAILED', cause: err });
  }
  return parseJson(Buffer.concat(chunks).toString('utf8'));
}

/** Parses JSON text, turning a syntax error into a 400 that says where. Empty text is `undefined`. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'invalid JSON';
    throw new InvalidRequestError(`The request body is not valid JSON: ${detail}.`, { code: 'DG_MALFORMED_JSON' });
  }
}

function tooLarge(maxBytes: number): InvalidRequestError {
  return new InvalidRequestError(`The request body is larger than the ${maxBytes}-byte limit.`, { status: 413, code: 'DG_BODY_TOO_LARGE' });
}
