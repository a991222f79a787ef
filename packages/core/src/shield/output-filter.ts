import { LeakDetector } from './leak.js';
import { CARD_DETECTOR, EMAIL_DETECTOR, MAX_HOLD, PEM_END, PHONE_DETECTOR, SECRET_DETECTORS, type Detector } from './secrets.js';

/**
 * Why the output filter stopped a reply: the caller cuts the stream (or refuses the JSON reply).
 * Compatible with the `OutputViolation` of `claude-route`, so an output filter is a `TextTransform`.
 */
export interface OutputFilterViolation {
  kind: 'canary' | 'system-prompt-leak';
  /** One sentence for logs and the audit trail (never the leaked text itself). */
  detail: string;
}

export interface OutputFilterOptions {
  /** The deployment's canary (see `createCanary`); seeing it in the output is a violation. */
  canary?: string;
  /** The system prompt the model was given; a long verbatim span of it in the output is a violation. */
  systemPrompt?: string;
  /** Characters of the system prompt (whitespace normalised) that make a leak. Default 80. */
  minLeakChars?: number;
  /** Redact API keys, private keys and tokens. Default true. */
  secrets?: boolean;
  /** Redact personal data: `true` for all, or pick. Default none. */
  pii?: boolean | { emails?: boolean; phones?: boolean; cards?: boolean };
}

/** What to send on after a `push` or `end`. */
export interface OutputFilterResult {
  /** Text safe to emit now (redacted). */
  text: string;
  /** Set once the reply must be cut; later calls return it again with empty text. */
  violation?: OutputFilterViolation;
}

/** A streaming output filter; feed it the reply's text deltas in order. */
export interface OutputFilter {
  push(chunk: string): OutputFilterResult;
  /** Flushes what was held back; call once when the reply is complete. */
  end(): OutputFilterResult;
  /** Redactions so far, by label (`aws-access-key: 1`). */
  readonly redactions: Readonly<Record<string, number>>;
  /** Characters currently held back (bounded by 64 outside a private-key block). */
  readonly held: number;
  /** The violation, once one happened. */
  readonly violation: OutputFilterViolation | undefined;
}

function detectorsFor(options: OutputFilterOptions): Detector[] {
  const list: Detector[] = options.secrets === false ? [] : [...SECRET_DETECTORS];
  const pii = options.pii === true ? { emails: true, phones: true, cards: true } : options.pii || {};
  if (pii.emails) list.push(EMAIL_DETECTOR);
  if (pii.cards) list.push(CARD_DETECTOR);
  if (pii.phones) list.push(PHONE_DETECTOR);
  return list;
}

/** The identifier at the end of a buffer (`aws_sec`), for context words still being typed. */
const TRAILING_IDENTIFIER = /(?<![A-Za-z0-9_])[A-Za-z_]{1,24}$/;

interface Event {
  index: number;
  end: number;
  detector?: Detector;
  /** Context kept before the marker (the `aws_secret_access_key=` of an AWS secret). */
  keep?: string;
  kind: 'redact' | 'hold' | 'canary';
}

class StreamFilter implements OutputFilter {
  private pending = '';
  private swallowing: Detector | null = null;
  private inPem = false;
  private pemTail = '';
  private done: OutputFilterViolation | undefined;
  private ended = false;
  private readonly detectors: Detector[];
  private readonly canary: string | undefined;
  private readonly leak: LeakDetector | undefined;
  readonly redactions: Record<string, number> = {};

  constructor(options: OutputFilterOptions) {
    this.detectors = detectorsFor(options);
    this.canary = options.canary ? options.canary.toLowerCase() : undefined;
    if (options.systemPrompt) {
      const leak = new LeakDetector(options.systemPrompt, options.minLeakChars ?? 80);
      if (leak.active) this.leak = leak;
    }
  }

  get held(): number {
    return this.pending.length;
  }

  get violation(): OutputFilterViolation | undefined {
    return this.done;
  }

  push(chunk: string): OutputFilterResult {
    if (this.done) return { text: '', violation: this.done };
    if (this.ended) return { text: '' };
    return this.process(typeof chunk === 'string' ? chunk : String(chunk ?? ''), false);
  }

  end(): OutputFilterResult {
    if (this.done) return { text: '', violation: this.done };
    if (this.ended) return { text: '' };
    const r = this.process('', true);
    this.ended = true;
    this.swallowing = null;
    this.inPem = false;
    return r;
  }

  private process(chunk: string, final: boolean): OutputFilterResult {
    const buf = this.pending + chunk;
    this.pending = '';
    const n = buf.length;
    const lower = this.canary ? buf.toLowerCase() : '';
    let out = '';
    let pos = 0;
    while (pos < n) {
      if (this.inPem) {
        const hay = this.pemTail + buf.slice(pos);
        const m = PEM_END.exec(hay);
        if (m === null) {
          this.pemTail = hay.slice(-MAX_HOLD);
          pos = n;
          break;
        }
        pos += m.index + m[0].length - this.pemTail.length;
        this.pemTail = '';
        this.inPem = false;
        continue;
      }
      if (this.swallowing) {
        const d = this.swallowing;
        let i = pos;
        let holdJoiner = false;
        while (i < n) {
          const c = buf.charCodeAt(i);
          if (d.body!(c)) i++;
          else if (d.joiner?.(c) && i + 1 < n && d.body!(buf.charCodeAt(i + 1))) i += 2;
          else {
            holdJoiner = d.joiner?.(c) === true && i + 1 === n && !final;
            break;
          }
        }
        if (holdJoiner) {
          this.pending = buf.slice(i);
          pos = n;
          break;
        }
        if (i === n && !final) {
          pos = n;
          break;
        }
        this.swallowing = null;
        pos = i;
        continue;
      }
      const ev = this.nextEvent(buf, lower, pos, final);
      if (ev === undefined) {
        out += buf.slice(pos);
        pos = n;
        break;
      }
      out += buf.slice(pos, ev.index);
      if (ev.kind === 'hold') {
        this.pending = buf.slice(ev.index);
        pos = n;
        break;
      }
      if (ev.kind === 'canary') {
        return this.stop(out, { kind: 'canary', detail: 'The deployment canary appeared in the reply: the model is repeating its system prompt.' });
      }
      const d = ev.detector!;
      out += `${ev.keep ?? ''}[REDACTED:${d.label}]`;
      this.redactions[d.label] = (this.redactions[d.label] ?? 0) + 1;
      pos = ev.end;
      if (d.type === 'token') this.swallowing = d;
      else if (d.type === 'pem') this.inPem = true;
    }
    if (this.leak?.feed(out)) {
      return this.stop('', { kind: 'system-prompt-leak', detail: 'The reply repeats a long verbatim span of the system prompt.' });
    }
    return { text: out };
  }

  private stop(text: string, violation: OutputFilterViolation): OutputFilterResult {
    this.done = violation;
    this.pending = '';
    if (text && this.leak?.feed(text)) text = '';
    return { text, violation };
  }

  /** The earliest canary, redaction or hold at or after `from`. */
  private nextEvent(buf: string, lower: string, from: number, final: boolean): Event | undefined {
    const n = buf.length;
    let best: Event | undefined;
    const consider = (e: Event): void => {
      if (best === undefined || e.index < best.index || (e.index === best.index && e.kind === 'canary')) best = e;
    };
    if (this.canary) {
      const i = lower.indexOf(this.canary, from);
      if (i >= 0) consider({ index: i, end: i + this.canary.length, kind: 'canary' });
    }
    for (const d of this.detectors) {
      const re = d.confirm;
      re.lastIndex = from;
      let m: RegExpExecArray | null;
      while ((m = re.exec(buf)) !== null) {
        if (best !== undefined && m.index >= best.index) break;
        if (d.check && !d.check(m[0])) {
          re.lastIndex = m.index + 1;
          continue;
        }
        if (d.type === 'bounded' && m.index + m[0].length === n && !final) consider({ index: m.index, end: n, kind: 'hold' });
        else {
          const keep = m[1] !== undefined && m[1].length < m[0].length ? m[1] : undefined;
          const e: Event = { index: m.index, end: m.index + m[0].length, detector: d, kind: 'redact' };
          if (keep !== undefined) e.keep = keep;
          consider(e);
        }
        break;
      }
    }
    if (!final) {
      const hold = this.holdStart(buf, lower, Math.max(from, best?.index ?? from));
      if (hold !== undefined && hold < (best?.index ?? n)) consider({ index: hold, end: n, kind: 'hold' });
    }
    return best;
  }

  /** Start of the longest suffix that could still become a secret or the canary, or undefined. */
  private holdStart(buf: string, lower: string, from: number): number | undefined {
    const n = buf.length;
    const tailStart = Math.max(from, n - MAX_HOLD);
    if (tailStart >= n) return undefined;
    const ctx = Math.max(from, tailStart - 1);
    const tail = buf.slice(ctx);
    let start: number | undefined;
    for (const d of this.detectors) {
      const m = d.partial.exec(tail);
      if (m !== null && m[0].length > 0) {
        const s = Math.max(ctx + m.index, tailStart);
        if (start === undefined || s < start) start = s;
      }
    }
    for (const d of this.detectors) {
      if (d.contextWords === undefined) continue;
      const m = TRAILING_IDENTIFIER.exec(tail);
      if (m === null) continue;
      const word = m[0].toLowerCase().replace(/_/g, '');
      if (word.length > 0 && d.contextWords.some((w) => w.startsWith(word))) {
        const s = Math.max(ctx + m.index, tailStart);
        if (start === undefined || s < start) start = s;
      }
    }
    if (this.canary) {
      for (let k = Math.min(this.canary.length - 1, n - tailStart); k >= 1; k--) {
        if (lower.endsWith(this.canary.slice(0, k))) {
          if (start === undefined || n - k < start) start = n - k;
          break;
        }
      }
    }
    return start;
  }
}

/**
 * A streaming filter for a model's reply. Secrets (Anthropic, OpenAI, AWS, GitHub, Stripe,
 * Google and Slack keys, PEM private keys, JWTs) and optional PII (e-mails, phone numbers, card
 * numbers passing a Luhn check) are redacted in flight, across chunk boundaries, holding back
 * only the suffix that could still become a match (at most 64 characters, except inside a
 * private-key block). The canary, or a long verbatim span of the system prompt, is a
 * violation: the filter returns it and the caller cuts the stream.
 *
 * @example
 * ```ts
 * const filter = createOutputFilter({ canary, systemPrompt: system, pii: { emails: true } });
 * for await (const delta of textDeltas) {
 *   const { text, violation } = filter.push(delta);
 *   if (text) send(text);
 *   if (violation) return cut(violation); // e.g. an SSE error event, then close
 * }
 * const last = filter.end();
 * if (last.text) send(last.text);
 * ```
 */
export function createOutputFilter(options: OutputFilterOptions = {}): OutputFilter {
  return new StreamFilter(options);
}

/**
 * Filters a whole reply at once (a non-streaming JSON response): the same rules as
 * {@link createOutputFilter}.
 *
 * @example
 * ```ts
 * const { text, violation } = filterText(reply.content[0].text, { canary, systemPrompt: system });
 * if (violation) return refuse(violation);
 * reply.content[0].text = text;
 * ```
 */
export function filterText(text: string, options: OutputFilterOptions = {}): OutputFilterResult & { redactions: Record<string, number> } {
  const filter = createOutputFilter(options);
  const first = filter.push(text);
  if (first.violation) return { ...first, redactions: { ...filter.redactions } };
  const last = filter.end();
  const result: OutputFilterResult & { redactions: Record<string, number> } = { text: first.text + last.text, redactions: { ...filter.redactions } };
  if (last.violation) result.violation = last.violation;
  return result;
}
