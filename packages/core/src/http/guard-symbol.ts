/** Where an adapter leaves the guard on the framework request, for `claudeRoute` to find. */
export const GUARD_KEY: unique symbol = Symbol.for('distill-guard.guard') as never;
