import type { Decision } from '@distill-guard/core';
import type { Request, Response } from 'express';

const KEY = 'distillGuard';

/** Request prototypes that already read `req.distillGuard` from `res.locals`. */
const readers = new WeakSet<object>();

/**
 * Leaves the decision where `req.distillGuard` finds it.
 *
 * Express swaps each request's prototype for its app's, which gives every request object a hidden
 * class of its own: a property added to `req` copies that class, a few microseconds on every
 * request (more than the guard's own checks). So the decision goes into `res.locals`, Express's
 * per-request store (a hash table, cheap to add to), and `req.distillGuard` is an accessor on the
 * request prototype of that copy of Express, defined the first time one of its requests passes.
 * Without `res.locals` (not Express), it is a plain property.
 */
export function putDecision(req: Request, res: Response, decision: Decision): void {
  const locals = (res as { locals?: Record<string, unknown> }).locals;
  if (typeof locals !== 'object' || locals === null || (req as { res?: unknown }).res !== res) {
    req.distillGuard = decision;
    return;
  }
  locals[KEY] = decision;
  const proto = Object.getPrototypeOf(req) as object | null;
  if (proto !== lastPrototype) defineReader(req);
}

let lastPrototype: object | null = null;

function defineReader(req: Request): void {
  const proto = Object.getPrototypeOf(req) as object | null;
  lastPrototype = proto;
  // The accessor goes on Express's own request prototype (the one with `accepts`, `get`, ...), which
  // every app of that copy of Express inherits from, so a sub-app's routes find it too.
  let target = proto;
  while (target && !Object.prototype.hasOwnProperty.call(target, 'accepts')) target = Object.getPrototypeOf(target) as object | null;
  target ??= proto;
  if (!target || readers.has(target)) return;
  if (Object.prototype.hasOwnProperty.call(target, KEY)) return;
  readers.add(target);
  Object.defineProperty(target, KEY, {
    configurable: true,
    enumerable: false,
    get(this: Request): Decision | undefined {
      return (this.res as { locals?: Record<string, unknown> } | undefined)?.locals?.[KEY] as Decision | undefined;
    },
    // Code that assigns `req.distillGuard` itself gets an ordinary property, as before.
    set(this: Request, value: unknown) {
      Object.defineProperty(this, KEY, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}
