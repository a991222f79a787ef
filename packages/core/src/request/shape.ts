import { InvalidRequestError } from '../errors/index.js';

/** Deepest nesting of objects and arrays accepted anywhere in a request body. */
export const MAX_BODY_DEPTH = 64;
/** Most entries accepted in one object or array anywhere in a request body. */
export const MAX_BODY_ENTRIES = 10_000;

/**
 * Bounds the shape of every part of a request body, including fields the guard does not read and
 * forwards as they are (`metadata`, tool schemas, fields of newer API versions): nesting deeper
 * than {@link MAX_BODY_DEPTH} or a container larger than {@link MAX_BODY_ENTRIES} is a 400 naming
 * the field, instead of a stack overflow in a JSON serialiser further down (a misleading 502).
 * Walks the body with an explicit stack, so a hostile body cannot overflow this check either.
 *
 * @example
 * ```ts
 * checkBodyShape({ model: 'm', max_tokens: 1, messages: [], metadata: { a: { b: {} } } }); // fine
 * ```
 */
export function checkBodyShape(body: unknown): void {
  if (body === null || typeof body !== 'object') return;
  const stack: Array<{ value: object; depth: number; path: string }> = [{ value: body, depth: 1, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) throw new InvalidRequestError(`${path}: nested more than ${MAX_BODY_DEPTH} levels deep; the request is refused.`, { param: path });
    if (Array.isArray(value)) {
      if (value.length > MAX_BODY_ENTRIES) throw new InvalidRequestError(`${path || 'body'}: has ${value.length} entries; at most ${MAX_BODY_ENTRIES} are accepted in one list.`, { param: path || 'body' });
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (v !== null && typeof v === 'object') stack.push({ value: v, depth: depth + 1, path: path ? `${path}.${i}` : String(i) });
      }
    } else {
      let entries = 0;
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        if (++entries > MAX_BODY_ENTRIES) throw new InvalidRequestError(`${path || 'body'}: has more than ${MAX_BODY_ENTRIES} fields; the request is refused.`, { param: path || 'body' });
        const v: unknown = (value as Record<string, unknown>)[key];
        if (v !== null && typeof v === 'object') stack.push({ value: v, depth: depth + 1, path: path ? `${path}.${key}` : key });
      }
    }
  }
}
