import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { InvalidRequestError } from '../errors/index.js';

/** Default request body limit: far above any chat turn, far below what could exhaust memory. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads and parses a JSON request body with a size limit. Too large: 413 `request_too_large`
 * (reading stops at the limit); not JSON: 400 naming the position; wrong content type: 400.
 * A body sent with `Content-Encoding` gzip, deflate or br is decompressed, as `express.json()`
 * does, with the same limit on what it inflates to; another encoding is refused with 415.
 * An empty body parses as `undefined` (the guard then reports what is missing).
 */
export async function readJsonBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers['content-type'];
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new InvalidRequestError(`Content-Type must be application/json, got "${type.slice(0, 60)}".`, { code: 'DG_UNSUPPORTED_MEDIA_TYPE' });
  }
  const decode = decoderFor(req.headers['content-encoding']);
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
  const raw = Buffer.concat(chunks);
  return parseJson((decode ? await decompressed(raw, decode, maxBytes) : raw).toString('utf8'));
}

type Decoder = (buf: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;

const DECODERS: Record<string, Decoder> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** The decoder of a `Content-Encoding` header; none for `identity` or no header; 415 for another. */
function decoderFor(header: string | undefined): Decoder | undefined {
  const encoding = header?.trim().toLowerCase();
  if (!encoding || encoding === 'identity') return undefined;
  const decoder = DECODERS[encoding];
  if (!decoder) {
    throw new InvalidRequestError(`Content-Encoding "${encoding.slice(0, 40)}" is not supported: send the body uncompressed, or as gzip, deflate or br.`, { status: 415, code: 'DG_UNSUPPORTED_ENCODING' });
  }
  return decoder;
}

/** The body inflated, never past `maxBytes` (a small body can inflate to gigabytes). */
async function decompressed(raw: Buffer, decode: Decoder, maxBytes: number): Promise<Buffer> {
  try {
    return await decode(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw new InvalidRequestError('The request body could not be decompressed as its Content-Encoding says.', { code: 'DG_BAD_ENCODING', cause: err });
  }
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
