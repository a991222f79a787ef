import type { Channel } from './learned/index.js';

/** One text of a request and where it came from. */
export interface ChannelText {
  text: string;
  channel: Channel;
  /** It came from an assistant turn (a client can forge those). */
  assistant: boolean;
}

const TAG_NAME = /^[A-Za-z][\w.-]{0,63}$/;

/** A regex finding `<tag ...>…</tag>` for the app's context tags, or undefined for none. */
export function contextTagPattern(tags: readonly string[]): RegExp | undefined {
  if (tags.length === 0) return undefined;
  for (const t of tags) if (!TAG_NAME.test(t)) throw new TypeError(`context tag ${JSON.stringify(t)} is not an XML tag name`);
  const names = tags.map((t) => t.replace(/[.]/g, '\\.')).join('|');
  return new RegExp(`<(${names})(?:\\s[^>]{0,200})?>([\\s\\S]*?)</\\1\\s*>`, 'gi');
}

/**
 * Every text of a content value with its channel: strings and `text` blocks are the sender's
 * (`user`, or the assistant's turn); `tool_result` contents, `document` blocks and
 * `search_result` blocks are data (`document`), since the app fetched them; and text the app
 * wrapped in one of its context tags (`<context>…</context>`) is scanned as data too, in
 * addition to the whole text being scanned as the sender's.
 */
export function collectChannelTexts(content: unknown, assistant: boolean, tags: RegExp | undefined, out: ChannelText[], depth = 0, asData = false): void {
  const own: Channel = asData ? 'document' : 'user';
  if (typeof content === 'string') {
    pushText(content, own, assistant, tags, out);
    return;
  }
  if (!Array.isArray(content) || depth > 2) return;
  for (const block of content) {
    if (block === null || typeof block !== 'object') continue;
    const b = block as Record<string, unknown>;
    if (b.type === 'tool_result') {
      collectChannelTexts(b.content, assistant, tags, out, depth + 1, true);
      continue;
    }
    if (b.type === 'search_result') {
      pushField(b.title, assistant, out);
      collectChannelTexts(b.content, assistant, tags, out, depth + 1, true);
      continue;
    }
    if (b.type === 'document') {
      // The model reads a document's title and context as well as its source (white-box round 6).
      pushField(b.title, assistant, out);
      pushField(b.context, assistant, out);
      if (b.source !== null && typeof b.source === 'object') {
        const source = b.source as Record<string, unknown>;
        if (source.type === 'text' && typeof source.data === 'string') pushText(source.data, 'document', assistant, tags, out);
        if (source.type === 'content') collectChannelTexts(source.content, assistant, tags, out, depth + 1, true);
      }
      continue;
    }
    // An assistant turn's thinking and a tool call's input are the client's to write too, and the
    // model reads them: scanned as the turn's own text.
    if (b.type === 'thinking' && typeof b.thinking === 'string') {
      pushText(b.thinking, own, assistant, tags, out);
      continue;
    }
    if (b.type === 'tool_use' || b.type === 'server_tool_use') {
      const strings: string[] = [];
      inputStrings(b.input, strings, 0);
      if (strings.length > 0) pushText(strings.join('\n'), own, assistant, tags, out);
      continue;
    }
    if (typeof b.text === 'string') pushText(b.text, own, assistant, tags, out);
  }
}

/**
 * Appends one text, and the app's context-tagged parts of a user text as documents. A function of
 * its own, not a closure made in every call of `collectChannelTexts` (one per message of every
 * request, most of them a plain string).
 */
function pushText(text: string, channel: Channel, assistant: boolean, tags: RegExp | undefined, out: ChannelText[]): void {
  out.push({ text, channel, assistant });
  if (channel === 'user' && tags !== undefined && text.includes('</')) {
    tags.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = tags.exec(text)) !== null) if (m[2]!.trim().length > 0) out.push({ text: m[2]!, channel: 'document', assistant });
  }
}

/** A document's or search result's `title` or `context`, when it is a string with something in it, as data. */
function pushField(value: unknown, assistant: boolean, out: ChannelText[]): void {
  if (typeof value === 'string' && value.trim().length > 0) out.push({ text: value, channel: 'document', assistant });
}

/** The string values of a tool call's input (at most 64, four levels deep): what the model reads of it. */
function inputStrings(value: unknown, out: string[], depth: number): void {
  if (out.length >= 64) return;
  if (typeof value === 'string') {
    if (value.trim().length > 0) out.push(value);
    return;
  }
  if (value === null || typeof value !== 'object' || depth >= 4) return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) inputStrings(v, out, depth + 1);
}
