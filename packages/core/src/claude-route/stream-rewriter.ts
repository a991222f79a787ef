import type { Usage } from '../decision/index.js';
import { readUsage, toolInputText } from '../claude/index.js';
import type { StreamEvent } from './client.js';
import type { OutputViolation, TextTransform } from './text-transform.js';

export interface StreamRewriterOptions {
  /**
   * Drop thinking blocks (and renumber the blocks after them). `claudeRoute` never does: a reply
   * that ends in `tool_use` must reach the client with its signed thinking blocks, which the
   * client sends back; it suppresses reasoning upstream instead (see `upstreamThinking`).
   *
   * @deprecated Only safe for replies that can never continue a tool loop; pass `false`.
   */
  stripReasoning: boolean;
  /** A fresh transform chain for each text block, or undefined for none. */
  transforms: () => TextTransform | undefined;
  /** The `max_tokens` sent upstream: an upstream that overshoots it is cut off cleanly. */
  maxOutputTokens: number;
  maxRecordedChars: number;
}

interface Block {
  /** Index the client sees, or -1 for a dropped block. */
  out: number;
  transform?: TextTransform;
  /** A tool call's input as streamed so far (JSON text, whole once the block stops). */
  toolJson?: string;
}

/**
 * Rewrites a Messages event stream on its way to the client: renumbers blocks around dropped
 * reasoning, runs text deltas through the output transforms, tracks usage from `message_start`
 * and `message_delta`, and stops cleanly (a proper `message_delta` + `message_stop`) on a
 * violation or a runaway reply.
 */
export class StreamRewriter {
  /** The upstream message's id, from `message_start`. */
  responseId?: string;
  model?: string;
  violation?: OutputViolation;
  /** Set when the rewriter ended the stream itself; the caller aborts the upstream call. */
  stopped = false;
  private readonly blocks = new Map<number, Block>();
  private nextOut = 0;
  /** The usage the upstream reported so far (`message_start`, then each `message_delta`); its output count is in `output`. */
  private reported: Usage | undefined;
  private output = 0;
  private finalUsage = false;
  private streamedChars = 0;
  private recorded = '';
  /** Thinking and finished tool inputs served so far, for `otherText`. */
  private other: string[] = [];
  private otherChars = 0;
  /** The thinking block whose deltas extend the last entry of `other`. */
  private openThinking: Block | undefined;
  private openBlock: number | undefined;

  constructor(private readonly options: StreamRewriterOptions) {}

  /** Events to send for one upstream event (none, one, or a few). */
  handle(event: StreamEvent): StreamEvent[] {
    if (this.stopped) return [];
    switch (event.type) {
      case 'message_start': {
        const u = event.message?.usage;
        this.reported = readUsage(u);
        if (typeof u?.output_tokens === 'number' && u.output_tokens > 0) this.output = u.output_tokens;
        if (typeof event.message?.model === 'string') this.model = event.message.model;
        if (typeof event.message?.id === 'string') this.responseId = event.message.id;
        return [event];
      }
      case 'content_block_start': {
        const type = event.content_block?.type;
        if (this.options.stripReasoning && (type === 'thinking' || type === 'redacted_thinking')) {
          this.blocks.set(event.index ?? 0, { out: -1 });
          return [];
        }
        const block: Block = { out: this.nextOut++ };
        if (type === 'text') {
          const t = this.options.transforms();
          if (t) block.transform = t;
        } else if (type === 'tool_use' || type === 'server_tool_use') block.toolJson = '';
        this.blocks.set(event.index ?? 0, block);
        this.openBlock = block.out;
        return [{ ...event, index: block.out }];
      }
      case 'content_block_delta': {
        const block = this.blocks.get(event.index ?? 0);
        if (!block) return [event];
        if (block.out < 0) return [];
        if (event.delta?.type === 'text_delta' && typeof event.delta.text === 'string') {
          let text = event.delta.text;
          if (block.transform) {
            const r = block.transform.push(text);
            if (r.violation) return this.stop(r.violation);
            text = r.text;
          }
          return this.emitText(block.out, text, event);
        }
        this.served(block, event.delta);
        return [{ ...event, index: block.out }];
      }
      case 'content_block_stop': {
        const block = this.blocks.get(event.index ?? 0);
        if (!block) return [event];
        if (block.out < 0) return [];
        const out: StreamEvent[] = [];
        if (block.transform) {
          const r = block.transform.end();
          if (r.violation) return this.stop(r.violation);
          if (r.text) out.push(...this.emitText(block.out, r.text));
        }
        if (this.stopped) return out;
        if (block.toolJson !== undefined) this.keepToolInput(block);
        this.openBlock = undefined;
        out.push({ ...event, index: block.out });
        return out;
      }
      case 'message_delta': {
        const u = event.usage;
        if (typeof u?.output_tokens === 'number') {
          this.output = u.output_tokens;
          this.finalUsage = true;
        }
        // The delta's counts are cumulative and may restate input and cache tokens too.
        this.reported = readUsage(u, this.reported);
        return [event];
      }
      default:
        return [event];
    }
  }

  /** Usage so far: the upstream's numbers, or an estimate from streamed text if the stream was cut. */
  usage(): Usage | undefined {
    if (!this.reported && this.output === 0 && this.streamedChars === 0) return undefined;
    // Without the final message_delta (the stream was cut), estimate what was generated.
    const output = this.finalUsage ? this.output : Math.max(this.output, Math.ceil(this.streamedChars / 4));
    return { ...(this.reported ?? { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }), output_tokens: output };
  }

  get outputText(): string {
    return this.recorded;
  }

  /**
   * What the reply served in words outside its text blocks (thinking, tool inputs as lines, a tool
   * input cut off mid-stream as its raw JSON), bounded like `outputText`; `''` when none.
   */
  get otherText(): string {
    const open = [...this.blocks.values()].filter((b) => b.toolJson).map((b) => b.toolJson!);
    return [...this.other, ...open].join('\n\n').slice(0, this.options.maxRecordedChars);
  }

  /** A thinking or tool-input delta: what it serves is kept for `otherText` and counted as generated. */
  private served(block: Block, delta: StreamEvent['delta']): void {
    if (!delta) return;
    const piece = delta.type === 'thinking_delta' ? delta.thinking : delta.type === 'input_json_delta' ? delta.partial_json : undefined;
    if (typeof piece !== 'string' || !piece) return;
    // Thinking and tool input count against max_tokens like text: a cut stream's usage estimate includes them.
    this.streamedChars += piece.length;
    if (block.toolJson !== undefined) {
      if (block.toolJson.length < this.options.maxRecordedChars) block.toolJson += piece;
      return;
    }
    if (this.otherChars >= this.options.maxRecordedChars) return;
    const last = this.other.length - 1;
    if (this.openThinking === block) this.other[last] += piece;
    else {
      this.other.push(piece);
      this.openThinking = block;
    }
    this.otherChars += piece.length;
  }

  /** A tool call's finished input, as lines the readers read (its raw JSON if it does not parse). */
  private keepToolInput(block: Block): void {
    const json = block.toolJson!;
    block.toolJson = undefined;
    this.openThinking = undefined;
    if (!json || this.otherChars >= this.options.maxRecordedChars) return;
    let rendered = json;
    try {
      rendered = toolInputText(JSON.parse(json));
    } catch {
      // Cut at the recording bound: kept as streamed.
    }
    if (!rendered) return;
    this.other.push(rendered);
    this.otherChars += rendered.length;
  }

  private emitText(index: number, text: string, original?: StreamEvent): StreamEvent[] {
    if (!text) return [];
    this.streamedChars += text.length;
    if (this.recorded.length < this.options.maxRecordedChars) this.recorded += text.slice(0, this.options.maxRecordedChars - this.recorded.length);
    const event: StreamEvent = original ? { ...original, index, delta: { ...original.delta, text } } : { type: 'content_block_delta', index, delta: { type: 'text_delta', text } };
    // Claude averages ~4 characters per token; an upstream far past max_tokens is cut here.
    if (this.streamedChars / 4 > this.options.maxOutputTokens * 1.5 + 32) return [event, ...this.finish('max_tokens')];
    return [event];
  }

  private stop(violation: OutputViolation): StreamEvent[] {
    this.violation = violation;
    this.stopped = true;
    return [];
  }

  /** Closes the open block and the message the way the API does, so SDK clients finish normally. */
  private finish(stopReason: string): StreamEvent[] {
    this.stopped = true;
    const out: StreamEvent[] = [];
    if (this.openBlock !== undefined) out.push({ type: 'content_block_stop', index: this.openBlock });
    out.push({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: Math.ceil(this.streamedChars / 4) } });
    out.push({ type: 'message_stop' });
    return out;
  }
}
