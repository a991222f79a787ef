import type { RedisStore } from '../store/index.js';

/** A request not recorded after this long is not renewed any more: its lease lapses on its own. */
const GIVE_UP_MS = 15 * 60_000;

/**
 * Keeps the concurrency leases of this process's requests in flight alive. A lease (a hold with
 * a slot) lapses `leaseMs` after its last renewal, so a slot whose release is lost (a process that
 * died, a settlement Redis never got) frees by itself; a long answer (a stream of minutes) renews
 * its slot every third of that time, with the write-behind, for as long as it runs.
 */
export class LeaseKeeper {
  private readonly held = new Map<string, { keys: readonly string[]; since: number; renewed: number }>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly store: RedisStore) {}

  /** Starts keeping request `id`'s lease in rows `keys`. */
  hold(id: string, keys: readonly string[]): void {
    const now = Date.now();
    this.held.set(id, { keys, since: now, renewed: now });
    if (!this.timer) {
      this.timer = setInterval(() => this.renew(), Math.max(250, this.store.leaseMs / 6));
      this.timer.unref?.();
    }
  }

  /** Stops keeping it (the request was settled). */
  release(id: string): void {
    this.held.delete(id);
    if (this.held.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private renew(): void {
    const now = Date.now();
    const every = this.store.leaseMs / 3;
    for (const [id, lease] of this.held) {
      if (now - lease.since > GIVE_UP_MS) {
        this.held.delete(id);
        continue;
      }
      if (now - lease.renewed < every) continue;
      lease.renewed = now;
      for (const key of lease.keys) this.store.writes.renew(key, id);
    }
    if (this.held.size === 0) this.stop();
  }
}
