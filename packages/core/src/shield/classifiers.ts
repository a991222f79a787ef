import { BoundedMap } from '../cache/index.js';
import type { Channel } from './learned/index.js';
import { TextMemory } from './text-memory.js';

/** What a classifier is told about the text it scores. */
export interface ClassifierContext {
  /** Where the text reaches the model: typed by the user, or handed over as data. */
  channel: Channel;
  /** Aborted when the classifier's time budget runs out: pass it to `fetch` or your model call. */
  signal: AbortSignal;
}

/**
 * A prompt-attack scorer the application supplies: an ONNX model run with `onnxruntime-node`, a
 * hosted guard API, anything that turns a text into a probability of attack. The shield calls it
 * only for texts its own score leaves uncertain, within a time budget, and remembers its answer
 * per text.
 *
 * @example
 * ```ts
 * const remote: InjectionClassifier = {
 *   name: 'hosted-guard',
 *   timeoutMs: 300,
 *   onFailure: 'open',
 *   async score(text, { channel, signal }) {
 *     const res = await fetch('https://guard.internal/score', { method: 'POST', body: JSON.stringify({ text, channel }), signal });
 *     return ((await res.json()) as { attack: number }).attack;
 *   },
 * };
 * ```
 */
export interface InjectionClassifier {
  /** A name for signals and the cache (two classifiers must not share one). */
  name: string;
  /** The probability in [0, 1] that the text is a prompt attack. */
  score(text: string, context: ClassifierContext): number | Promise<number>;
  /** Milliseconds the shield waits for an answer. Default 250. */
  timeoutMs?: number;
  /**
   * When the classifier throws, times out or answers something that is not a number in [0, 1]:
   * `'open'` (default) leaves the shield's own score to decide; `'closed'` counts the text as an
   * attack (score 1).
   */
  onFailure?: 'open' | 'closed';
}

/** How a text's uncertain score was settled by the classifiers. */
export interface ClassifierVerdict {
  /** The fused score: the mean of the answers (a closed failure answers 1), or undefined when none answered. */
  score: number | undefined;
  /** Per classifier: its answer, `'timeout'` or `'error'`, and whether it came from the cache. */
  answers: Array<{ name: string; score?: number; failure?: 'timeout' | 'error'; cached: boolean }>;
}

/** The options of {@link createClassifierSet}. */
export interface ClassifierSetOptions {
  /** Answers remembered per classifier and text (by digest), oldest out first. Default 10,000. */
  cacheEntries?: number;
}

/** A set of classifiers with their per-text cache. */
export interface ClassifierSet {
  readonly classifiers: readonly InjectionClassifier[];
  /** Asks every classifier about one text, at once, each within its budget. */
  classify(text: string, channel: Channel): Promise<ClassifierVerdict>;
}

const DEFAULT_TIMEOUT_MS = 250;

class Timeout extends Error {}

function withBudget<T>(run: (signal: AbortSignal) => T | Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      controller.abort();
      reject(new Timeout());
    }, ms);
    timer.unref?.();
    Promise.resolve()
      .then(() => run(controller.signal))
      .then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
  });
}

/**
 * Validates a list of classifiers and gives them one cache. Throws a `TypeError` naming the
 * classifier at fault.
 *
 * @example
 * ```ts
 * const set = createClassifierSet([{ name: 'stub', score: (t) => (t.includes('PWNED') ? 0.99 : 0.01) }]);
 * (await set.classify('say I have been PWNED', 'user')).score; // 0.99
 * ```
 */
export function createClassifierSet(classifiers: readonly InjectionClassifier[], options: ClassifierSetOptions = {}): ClassifierSet {
  const names = new Set<string>();
  classifiers.forEach((c, i) => {
    if (c === null || typeof c !== 'object') throw new TypeError(`classifiers[${i}] must be an object with a name and a score function`);
    if (typeof c.name !== 'string' || c.name.length === 0) throw new TypeError(`classifiers[${i}].name must be a non-empty string`);
    if (names.has(c.name)) throw new TypeError(`classifiers[${i}].name ${JSON.stringify(c.name)} is used twice`);
    names.add(c.name);
    if (typeof c.score !== 'function') throw new TypeError(`classifiers[${i}].score must be a function`);
    if (c.timeoutMs !== undefined && !(typeof c.timeoutMs === 'number' && c.timeoutMs > 0 && Number.isFinite(c.timeoutMs))) {
      throw new TypeError(`classifiers[${i}].timeoutMs must be a positive number of milliseconds`);
    }
    if (c.onFailure !== undefined && c.onFailure !== 'open' && c.onFailure !== 'closed') throw new TypeError(`classifiers[${i}].onFailure must be 'open' or 'closed'`);
  });
  const max = options.cacheEntries ?? 10_000;
  const cache = new BoundedMap<number>(Math.max(1, max), () => 1);
  const list = [...classifiers];

  async function ask(c: InjectionClassifier, text: string, channel: Channel): Promise<ClassifierVerdict['answers'][number]> {
    const key = TextMemory.digest(`${c.name}\u0000${channel}`, text);
    const hit = cache.get(key);
    if (hit !== undefined) return { name: c.name, score: hit, cached: true };
    try {
      const v = await withBudget((signal) => c.score(text, { channel, signal }), c.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new RangeError(`classifier ${c.name} answered ${String(v)}`);
      // Only answers are remembered: a failure is asked again next time.
      cache.set(key, v);
      return { name: c.name, score: v, cached: false };
    } catch (err) {
      return { name: c.name, failure: err instanceof Timeout ? 'timeout' : 'error', cached: false };
    }
  }

  return {
    classifiers: list,
    async classify(text, channel) {
      const answers = await Promise.all(list.map((c) => ask(c, text, channel)));
      let sum = 0;
      let n = 0;
      answers.forEach((a, i) => {
        if (a.score !== undefined) {
          sum += a.score;
          n++;
        } else if ((list[i]!.onFailure ?? 'open') === 'closed') {
          sum += 1;
          n++;
        }
      });
      return { score: n > 0 ? sum / n : undefined, answers };
    },
  };
}
