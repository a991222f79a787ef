// Scores a replay report against ground truth, with the formulas of the detection benchmark
// (detected = verdict flag or block; served = allowed), plus the stricter share of attack
// requests served at all (allowed + throttled).
const HUMAN_KINDS = ['casual', 'power', 'office'];

export function scoreDetection(truth, report) {
  const rows = new Map((report.identities ?? []).map((r) => [String(r.id), r]));
  const kinds = {};
  for (const [id, t] of Object.entries(truth)) {
    const r = rows.get(id);
    const k = (kinds[t.kind] ??= { label: t.label, accounts: 0, detected: 0, requests: 0, served: 0, throttled: 0, missing: 0 });
    k.accounts++;
    if (!r) {
      k.missing++;
      continue;
    }
    if (r.verdict === 'flag' || r.verdict === 'block') k.detected++;
    k.requests += r.requests ?? 0;
    k.served += r.allowed ?? 0;
    k.throttled += r.throttled ?? 0;
  }
  const humans = HUMAN_KINDS.filter((k) => kinds[k]);
  const attackers = Object.keys(kinds).filter((k) => kinds[k].label === 'attacker');
  const sum = (ks, f) => ks.reduce((a, k) => a + kinds[k][f], 0);
  return {
    macroRecall: attackers.reduce((a, k) => a + kinds[k].detected / kinds[k].accounts, 0) / Math.max(1, attackers.length),
    humanFPR: sum(humans, 'detected') / Math.max(1, sum(humans, 'accounts')),
    attackServed: sum(attackers, 'served') / Math.max(1, sum(attackers, 'requests')),
    attackServedStrict: (sum(attackers, 'served') + sum(attackers, 'throttled')) / Math.max(1, sum(attackers, 'requests')),
    humanDisrupted: 1 - sum(humans, 'served') / Math.max(1, sum(humans, 'requests')),
    batchServed: kinds.batch ? kinds.batch.served / Math.max(1, kinds.batch.requests) : null,
    byKind: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, { accounts: v.accounts, detected: v.detected / v.accounts, served: v.served / Math.max(1, v.requests) }])),
  };
}
