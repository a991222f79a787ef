import { IncomingMessage } from 'node:http';
import type { Decision } from '@distill-guard/core';

/*
 * Where `req.distillGuard` lives. Express moves every request onto its app's prototype, which
 * leaves each request object with a hidden class of its own: adding a property to one makes V8
 * copy its whole layout, and cost the benchmark server about as much as every limit check
 * together. So the decision goes into a WeakMap, read and written through an accessor defined
 * once on Express's shared request prototype (the one just above Node's `IncomingMessage`, as
 * `express.request` is). `req.distillGuard` reads and assigns exactly as a plain property would.
 */

const decisions = new WeakMap<object, Decision | undefined>();
/** Per prototype seen on a request: whether `distillGuard` is this module's accessor on its chain. */
const prototypes = new WeakMap<object, boolean>();

function getDecision(this: object): Decision | undefined {
  return decisions.get(this);
}

function setDecision(this: object, decision: Decision | undefined): void {
  decisions.set(this, decision);
}

/** Makes `req.distillGuard` this decision. */
export function attachDecision(req: { distillGuard?: Decision }, decision: Decision): void {
  const proto = Object.getPrototypeOf(req) as object | null;
  let ours = proto === null ? false : prototypes.get(proto);
  if (ours === undefined) prototypes.set(proto!, (ours = exposeOn(proto!)));
  if (ours) decisions.set(req, decision);
  else req.distillGuard = decision;
}

/** Defines the accessor on the prototype just above `IncomingMessage.prototype`; false when there is none to use. */
function exposeOn(proto: object): boolean {
  let base = proto;
  for (;;) {
    const up = Object.getPrototypeOf(base) as object | null;
    if (up === IncomingMessage.prototype) break;
    // Not an Express request on Node's http (a test double, HTTP/2 compatibility): a plain property.
    if (up === null) return false;
    base = up;
  }
  const existing = Object.getOwnPropertyDescriptor(base, 'distillGuard');
  // Another copy of this package got there first: assigning goes through its accessor.
  if (existing) return existing.get === getDecision;
  Object.defineProperty(base, 'distillGuard', { configurable: true, enumerable: false, get: getDecision, set: setDecision });
  return true;
}
