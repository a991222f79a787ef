// Benign rows that are, for the most part, a labelled attack: a real jailbreak that a legitimate
// account sent (the development log's chat prompts and the ShareGPT sample both hold the
// "PersonGPT" jailbreak that the in-the-wild collection labels an attack), alone or pasted into a
// wrapper ("Summarize the following support ticket: ..."). Such a row is not evidence of what
// benign text scores: as a benign training row it teaches the model that the jailbreak is benign,
// and as a calibration row it sits far above every other benign row and widens the tail the
// threshold is read off. Documented in README.md beside this file.

const SHINGLE = 8;

/** The word 8-grams of a text, lower-cased, punctuation and spacing ignored. */
function shingles(text) {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const out = new Set();
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '));
  return out;
}

/**
 * The texts of `benignRows` of which at least `share` of the word 8-grams occur in one of
 * `attackTexts` (texts of fewer than eight words are never counted as a conflict).
 * @param {string[]} attackTexts
 * @param {{ text: string }[]} benignRows
 * @returns {Set<string>}
 */
export function labelConflicts(attackTexts, benignRows, share = 0.5) {
  const known = new Set();
  for (const t of attackTexts) for (const s of shingles(t)) known.add(s);
  const out = new Set();
  for (const r of benignRows) {
    const own = shingles(r.text);
    if (own.size === 0) continue;
    let hit = 0;
    for (const s of own) if (known.has(s)) hit++;
    if (hit / own.size >= share) out.add(r.text);
  }
  return out;
}
