import { BoundedMap } from '../cache/index.js';

/** One conversation's message texts as the last request sent them, and their token estimates. */
interface RememberedMessages {
  texts: string[];
  tokens: number[];
  chars: number;
}

/**
 * Token estimates of the messages a conversation already sent. A chat client resends the whole
 * history with every turn, and estimating it afresh was the largest single cost of a chat
 * request on the memory store (a tenth of it, more than the shield on short turns). Each
 * conversation's texts are kept under a key made from its opening message, and a message is
 * estimated again only when its text differs from what the same place held last time (strings
 * are compared, so a collision of keys only costs a recount). At most `maxChars` characters of
 * history are kept, oldest conversations out first.
 *
 * @example
 * ```ts
 * const memory = new TokenMemory();
 * estimateInputTokens(body, memory); // the second turn of a conversation counts only its new messages
 * ```
 */
export class TokenMemory {
  private readonly map: BoundedMap<RememberedMessages>;

  constructor(maxChars = 4_000_000) {
    this.map = new BoundedMap<RememberedMessages>(maxChars, (_key, m) => m.chars);
  }

  /** The estimate of each string message of `messages`, counting only those not seen in this place before. */
  messageTokens(messages: ReadonlyArray<{ content: unknown }>, count: (text: string) => number): number {
    const first = messages[0]?.content;
    if (typeof first !== 'string' || messages.length < 2) return sumOf(messages, count);
    const key = keyOf(first);
    const before = this.map.get(key);
    const texts: string[] = [];
    const tokens: number[] = [];
    let chars = 0;
    let total = 0;
    for (let i = 0; i < messages.length; i++) {
      const content = messages[i]!.content;
      if (typeof content !== 'string') return sumOf(messages, count);
      const t = before !== undefined && before.texts[i] === content ? before.tokens[i]! : count(content);
      texts.push(content);
      tokens.push(t);
      chars += content.length;
      total += t;
    }
    this.map.set(key, { texts, tokens, chars });
    return total;
  }
}

function sumOf(messages: ReadonlyArray<{ content: unknown }>, count: (text: string) => number): number {
  let total = 0;
  for (const m of messages) if (typeof m.content === 'string') total += count(m.content);
  return total;
}

/** A key from a conversation's opening text: its length and an FNV-1a hash of it. */
function keyOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(36)}`;
}
