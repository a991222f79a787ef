/**
 * One SIGTERM/SIGINT/beforeExit hook for every open audit log (and any other queue that must not
 * lose data on shutdown), instead of one listener per guard.
 */
export interface ExitFlushable {
  /** Whether anything is still waiting to be written. */
  pending(): boolean;
  /** Writes everything queued (bounded by the owner's close timeout). */
  flushForExit(): Promise<void>;
}

const members = new Set<ExitFlushable>();
const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
let installed = false;
let flushing = false;

function onSignal(signal: NodeJS.Signals): void {
  if (flushing) {
    // A second signal while flushing: the operator insists, stop waiting.
    reRaise(signal);
    return;
  }
  flushing = true;
  void Promise.allSettled([...members].map((m) => m.flushForExit())).then(() => {
    flushing = false;
    reRaise(signal);
  });
}

/**
 * Registering a signal listener turns off Node's default "terminate"; after the flush, restore
 * it by re-sending the signal, unless the application listens too (then it owns the shutdown,
 * and our hooks stay in place for what it still writes).
 */
function reRaise(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  uninstall();
  process.kill(process.pid, signal);
}

function onBeforeExit(): void {
  for (const m of members) if (m.pending()) void m.flushForExit();
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('beforeExit', onBeforeExit);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off('beforeExit', onBeforeExit);
}

/**
 * Adds a queue to the shared shutdown hook; returns the function that removes it.
 *
 * @example
 * ```ts
 * const unregister = registerExitFlush({ pending: () => queue.length > 0, flushForExit: () => drain(5000) });
 * // later, in close():
 * unregister();
 * ```
 */
export function registerExitFlush(member: ExitFlushable): () => void {
  members.add(member);
  install();
  return () => {
    members.delete(member);
    if (members.size === 0) uninstall();
  };
}
