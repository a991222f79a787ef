import type { Logger } from '../options/warnings.js';
import type { GuardEvents } from '../contracts/index.js';

type AnyListener = (payload: never) => void;

/**
 * A minimal typed emitter. A listener that throws is logged and never reaches the request path.
 */
export class GuardEmitter {
  private readonly listeners = new Map<keyof GuardEvents, Set<AnyListener>>();

  constructor(private readonly logger: Logger) {}

  on<K extends keyof GuardEvents>(event: K, listener: GuardEvents[K]): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const s = set;
    s.add(listener as AnyListener);
    return () => {
      s.delete(listener as AnyListener);
    };
  }

  has(event: keyof GuardEvents): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<K extends keyof GuardEvents>(event: K, payload: Parameters<GuardEvents[K]>[0]): void {
    const set = this.listeners.get(event) as Set<(p: typeof payload) => void> | undefined;
    if (!set) return;
    for (const listener of set) {
      try {
        listener(payload);
      } catch (err) {
        this.logger.error(`distill-guard: a '${event}' listener threw`, { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}
