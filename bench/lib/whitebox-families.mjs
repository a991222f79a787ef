// The shield's white-box rounds (bench/shield-whitebox3.mjs, shield-whitebox4.mjs) score families
// of attacks beside benign look-alikes of the same shape, and report them the same way: this is
// that shared part. A family is `{ name, channel, attacks: [[goal, item], ...], benign: [item, ...] }`,
// where an item is a text on the `user` or `document` channel, or a conversation's turns (an array,
// user first) on the `messages` channel.
import { scanInjection, scanMessages } from '@distill-guard/core/shield';

/** The shield's scan of one item on its family's channel. */
export function scanItem(item, channel) {
  if (channel === 'messages') {
    const messages = item.map((content, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content }));
    return scanMessages({ messages });
  }
  return scanInjection(item, { channel });
}

export const isFlagged = (scan) => scan.verdict === 'injection';

/** An item as one quoted line of at most 110 characters. */
export function preview(item) {
  const s = Array.isArray(item) ? item.join(' ⏎ ') : item;
  return JSON.stringify(s.length > 110 ? `${s.slice(0, 110)}…` : s);
}

/** Every family scanned, with the attacks caught and the look-alikes flagged, and the totals. */
export function scoreFamilies(families) {
  const scored = families.map((f) => {
    const attacks = f.attacks.map(([goal, item]) => ({ goal, item, scan: scanItem(item, f.channel) }));
    const benign = f.benign.map((item) => ({ item, scan: scanItem(item, f.channel) }));
    return { name: f.name, channel: f.channel, attacks, benign, caught: attacks.filter((a) => isFlagged(a.scan)).length, flagged: benign.filter((b) => isFlagged(b.scan)).length };
  });
  const count = (k) => scored.reduce((a, f) => a + (typeof f[k] === 'number' ? f[k] : f[k].length), 0);
  return { families: scored, totals: { caught: count('caught'), attacks: count('attacks'), flagged: count('flagged'), benign: count('benign') } };
}

/** The families' counts for `--json`. */
export const familyCounts = (families) =>
  families.map((f) => ({ name: f.name, channel: f.channel, caught: f.caught, attacks: f.attacks.length, flagged: f.flagged, benign: f.benign.length }));

/** What gets through (the first 15, or all with `all`), and with `all` the look-alikes flagged. */
export function printMisses(families, all) {
  const misses = families.flatMap((f) => f.attacks.filter((a) => !isFlagged(a.scan)).map((a) => ({ f: f.name, ...a })));
  console.log('\nWhat gets through (score, family, goal, text):');
  for (const m of all ? misses : misses.slice(0, 15)) console.log(`  ${m.scan.score.toFixed(2)}  ${m.f} [${m.goal}]: ${preview(m.item)}`);
  if (!all && misses.length > 15) console.log(`  … and ${misses.length - 15} more (--all)`);
  if (all) {
    console.log('\nLook-alikes flagged:');
    for (const f of families) for (const b of f.benign) if (isFlagged(b.scan)) console.log(`  ${b.scan.score.toFixed(2)}  ${f.name}: ${preview(b.item)}`);
  }
}
