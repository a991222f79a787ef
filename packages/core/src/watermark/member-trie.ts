import { WORD_PAIRS } from './classes.js';

/**
 * Every member of every pair as a trie on characters: lower-case letters, one slot for both
 * apostrophes, one for a space or a tab between words, whose gap nodes count one to three of
 * them. Nodes are numbers, the root 0; `next[node * TRIE_WIDTH + slot]` is the child, 0 for
 * none (the root is never a child). `prose-automaton.ts` compiles it with the rest of what the
 * scanner looks for into one table.
 */
export const TRIE_WIDTH = 28;
export const GAP_SLOT = 26;
export const APOSTROPHE_SLOT = 27;
/** Words of a member may be separated by this many spaces or tabs, no more. */
export const MAX_GAP = 3;

export interface MemberTrie {
  readonly next: Int16Array;
  /** 1 where a member ends. */
  readonly end: Uint8Array;
  /** What leads from the root to each node: the member's text so far (`' '` for each space or tab, `'` for an apostrophe). */
  readonly paths: readonly string[];
}

export const MEMBER_TRIE: MemberTrie = (() => {
  const rows: number[][] = [new Array<number>(TRIE_WIDTH).fill(0)];
  const paths = [''];
  const newRow = (path: string, from?: number[]) => {
    paths.push(path);
    return rows.push(from ? [...from] : new Array<number>(TRIE_WIDTH).fill(0)) - 1;
  };
  const ends = new Set<number>();
  const members = WORD_PAIRS.flatMap((p) => p.members);
  for (const m of members) {
    // The scanner takes a member as soon as it ends at a word boundary, and looks for another
    // one only after the separator of the member it follows: right when no member goes on from
    // another after a space or an apostrophe ("it" and "it's"), and a member has one space or
    // one apostrophe at most.
    if (members.some((o) => o.startsWith(`${m} `) || o.startsWith(`${m}'`))) throw new Error(`watermark: member "${m}" begins another`);
    if ((m.match(/[ ']/g) ?? []).length > 1) throw new Error(`watermark: member "${m}" has more than two parts`);
    let node = 0;
    for (let i = 0; i < m.length; i++) {
      const ch = m[i]!;
      const slot = ch === ' ' ? GAP_SLOT : ch === "'" ? APOSTROPHE_SLOT : ch.charCodeAt(0) - 97;
      if (!(slot >= 0 && slot < TRIE_WIDTH)) throw new Error(`watermark: member "${m}" has a character the trie cannot hold`);
      let next = rows[node]![slot]!;
      if (next === 0) rows[node]![slot] = next = newRow(m.slice(0, i + 1));
      node = next;
    }
    ends.add(node);
  }
  // A gap node is the node after one space; two and three spaces lead to copies of it.
  for (const row of [...rows]) {
    const gap1 = row[GAP_SLOT]!;
    if (gap1 === 0) continue;
    const afterGap = [...rows[gap1]!];
    let gap = gap1;
    for (let spaces = 2; spaces <= MAX_GAP; spaces++) {
      const copy = newRow(`${paths[gap]!} `, afterGap);
      rows[gap]![GAP_SLOT] = copy;
      gap = copy;
    }
  }
  const end = new Uint8Array(rows.length);
  for (const n of ends) end[n] = 1;
  return { next: Int16Array.from(rows.flat()), end, paths };
})();
