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
  // Every request's body is within bounds: the walk that allocates nothing says so, and only a
  // body it refuses is walked again to name the offending field.
  if (withinBounds(body, 1)) return;
  namedShapeError(body);
}

/**
 * Whether `value`, at nesting `depth`, and everything in it are within the bounds. Recursive: the
 * recursion stops at {@link MAX_BODY_DEPTH} levels, so a hostile body cannot overflow the stack,
 * and it allocates nothing (the walk with paths made an object per nested object, for every
 * message of every request).
 */
function withinBounds(value: object, depth: number): boolean {
  if (depth > MAX_BODY_DEPTH) return false;
  if (Array.isArray(value)) {
    if (value.length > MAX_BODY_ENTRIES) return false;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object' && !withinBounds(v, depth + 1)) return false;
    }
    return true;
  }
  let entries = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (++entries > MAX_BODY_ENTRIES) return false;
    const v: unknown = (value as Record<string, unknown>)[key];
    if (v !== null && typeof v === 'object' && !withinBounds(v, depth + 1)) return false;
  }
  return true;
}

/**
 * Throws the 400 for a body out of bounds, naming the field. Walks the body with an explicit stack
 * that keeps the way to each node, in the order the check always walked it, so a body with several
 * faults is refused for the same one as before.
 */
function namedShapeError(body: object): void {
  // Paths are built only for an error: every request walks every message, and a path string per
  // nested object was most of what the check allocated.
  const stack: ShapeNode[] = [{ value: body, depth: 1, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { value, depth } = node;
    if (depth > MAX_BODY_DEPTH) {
      const path = pathOf(node);
      throw new InvalidRequestError(`${path}: nested more than ${MAX_BODY_DEPTH} levels deep; the request is refused.`, { param: path });
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_BODY_ENTRIES) {
        const path = pathOf(node) || 'body';
        throw new InvalidRequestError(`${path}: has ${value.length} entries; at most ${MAX_BODY_ENTRIES} are accepted in one list.`, { param: path });
      }
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (v !== null && typeof v === 'object') stack.push({ value: v, depth: depth + 1, parent: node, key: i });
      }
    } else {
      let entries = 0;
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        if (++entries > MAX_BODY_ENTRIES) {
          const path = pathOf(node) || 'body';
          throw new InvalidRequestError(`${path}: has more than ${MAX_BODY_ENTRIES} fields; the request is refused.`, { param: path });
        }
        const v: unknown = (value as Record<string, unknown>)[key];
        if (v !== null && typeof v === 'object') stack.push({ value: v, depth: depth + 1, parent: node, key });
      }
    }
  }
}

/** One object or array of the body on the walk's stack, with the way to it. */
interface ShapeNode {
  value: object;
  depth: number;
  parent: ShapeNode | undefined;
  key: string | number;
}

/** The dotted path of a node (`messages.0.content`), '' for the body itself. */
function pathOf(node: ShapeNode): string {
  const keys: Array<string | number> = [];
  for (let n: ShapeNode | undefined = node; n !== undefined && n.parent !== undefined; n = n.parent) keys.push(n.key);
  return keys.reverse().join('.');
}
