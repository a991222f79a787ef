/** Something an output check found that must stop the reply (a canary, a system-prompt leak). */
export interface OutputViolation {
  kind: string;
  detail: string;
}

/** The result of feeding a chunk of reply text through a transform. */
export interface TransformResult {
  /** Text safe to emit now (may be shorter than the input: a small window can be held back). */
  text: string;
  violation?: OutputViolation;
}

/**
 * A streaming rewrite of reply text, applied per content block: `push` each delta, `end` once.
 * Held-back text must be bounded and flushed by `end`.
 */
export interface TextTransform {
  push(chunk: string): TransformResult;
  end(): TransformResult;
}

/** Runs transforms in sequence; the first violation stops the chain. */
export function chainTransforms(transforms: TextTransform[]): TextTransform {
  if (transforms.length === 1) return transforms[0]!;
  const push = (chunk: string): TransformResult => {
    let text = chunk;
    for (const t of transforms) {
      const r = t.push(text);
      if (r.violation) return r;
      text = r.text;
    }
    return { text };
  };
  return {
    push,
    end: () => {
      // Flush each stage in order, feeding what it releases to the stages after it.
      let text = '';
      for (let i = 0; i < transforms.length; i++) {
        const t = transforms[i]!;
        const pushed = text ? t.push(text) : { text: '' };
        if (pushed.violation) return pushed;
        const tail = t.end();
        if (tail.violation) return tail;
        text = pushed.text + tail.text;
      }
      return { text };
    },
  };
}

const REASONING_TAGS = ['thinking', 'reasoning', 'scratchpad'];

/**
 * Removes `<thinking>…</thinking>` (and `<reasoning>`, `<scratchpad>`) sections from streamed
 * text, the prompted chain of thought a distiller wants most. Holds back at most one partial tag.
 */
export function reasoningStripper(): TextTransform {
  let pending = '';
  let inside: string | undefined;
  const longest = Math.max(...REASONING_TAGS.map((t) => t.length)) + 3;

  const step = (): string => {
    let out = '';
    for (;;) {
      const lower = pending.toLowerCase();
      if (inside === undefined) {
        let at = -1;
        let tag = '';
        for (const t of REASONING_TAGS) {
          const i = lower.indexOf(`<${t}>`);
          if (i >= 0 && (at < 0 || i < at)) {
            at = i;
            tag = t;
          }
        }
        if (at < 0) {
          const keep = partialTagSuffix(lower, REASONING_TAGS.map((t) => `<${t}>`), longest);
          out += pending.slice(0, pending.length - keep);
          pending = pending.slice(pending.length - keep);
          return out;
        }
        out += pending.slice(0, at);
        pending = pending.slice(at + tag.length + 2);
        inside = tag;
      } else {
        const close = `</${inside}>`;
        const i = lower.indexOf(close);
        if (i < 0) {
          const keep = partialTagSuffix(lower, [close], close.length);
          pending = pending.slice(pending.length - keep);
          return out;
        }
        pending = pending.slice(i + close.length).replace(/^\s+/, '');
        inside = undefined;
      }
    }
  };

  return {
    push(chunk) {
      pending += chunk;
      return { text: step() };
    },
    end() {
      const text = inside === undefined ? pending : '';
      pending = '';
      inside = undefined;
      return { text };
    },
  };
}

/** Length of the longest suffix of `text` that is a proper prefix of one of `tags`. */
function partialTagSuffix(text: string, tags: string[], max: number): number {
  for (let n = Math.min(max - 1, text.length); n > 0; n--) {
    const suffix = text.slice(text.length - n);
    if (tags.some((t) => t.startsWith(suffix))) return n;
  }
  return 0;
}
