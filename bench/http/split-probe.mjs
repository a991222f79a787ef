// The benchmark server's CPU split (bench/http/split.mjs), loaded by server.mjs only when
// BENCH_SPLIT is set: CPU time (process.cpuUsage, user + system) inside the guard's `check` and
// `record`, in the guard's middleware around `check` (from the layer before it to the route's
// handler: identification of the request kind, the decision's headers, Express's dispatch), in
// the handler's `res.json`, and garbage collections by kind. CPU time, not wall time: on a shared
// machine a timer around a function also counts the moments the process was not running.
import { PerformanceObserver } from 'node:perf_hooks';

const cpu = () => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

/** Wraps `guard.check` and `guard.record` (when there is a guard) and returns the probe's hooks for the route. */
export function splitProbe(guard) {
  const t = { middleware: 0, check: 0, record: 0, json: 0, scavenges: 0, scavengeMs: 0, markCompacts: 0, markCompactMs: 0 };
  let on = false;
  let entered = 0;
  if (guard) {
    const check = guard.check.bind(guard);
    guard.check = (req) => {
      const from = cpu();
      const decision = check(req);
      t.check += cpu() - from;
      return decision;
    };
    const record = guard.record.bind(guard);
    guard.record = (decision, outcome) => {
      const from = cpu();
      const done = record(decision, outcome);
      t.record += cpu() - from;
      return done;
    };
  }
  // Pause durations are wall time (V8 reports no other); their counts are exact.
  new PerformanceObserver((list) => {
    if (!on) return;
    for (const e of list.getEntries()) {
      if (e.detail?.kind === 1) {
        t.scavenges++;
        t.scavengeMs += e.duration;
      } else {
        t.markCompacts++;
        t.markCompactMs += e.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('SIGUSR2', () => {
    for (const k in t) t[k] = 0;
    on = true;
  });
  return {
    /** The route's first layer: where the middleware's window starts. */
    enter: (_req, _res, next) => {
      entered = cpu();
      next();
    },
    /** At the handler's start: the window from `enter` closes. */
    handled: () => {
      t.middleware += cpu() - entered;
    },
    /** Calls `send` (the handler's `res.json`) and counts its CPU time. */
    json: (send) => {
      const from = cpu();
      send();
      t.json += cpu() - from;
    },
    /** The totals since SIGUSR2, in µs (GC pauses in ms). */
    totals: () => ({ ...t }),
  };
}
