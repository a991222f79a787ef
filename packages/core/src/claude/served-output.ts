/**
 * What a reply served in words, split the way the guard reads it: the text of its `text` blocks
 * (what a client shows and resends as history), and everything else it served in words: the
 * `thinking` of extended thinking and the input of each tool call. A derivation served as thinking,
 * or as a forced tool's `steps`, is served all the same (the ninth white-box round), so the
 * detector reads both; only the text is a conversation's history.
 */

/**
 * A content block of a reply as the Messages API returns it (only the fields read here). No index
 * signature and `servedOutput` generic over it, so the SDK's own block types (`message.content`)
 * and literals with more fields are accepted as they are.
 */
export interface ReplyBlockLike {
  type: string;
  text?: unknown;
  thinking?: unknown;
  input?: unknown;
}

/** A reply's words: its text, and what it served outside its text blocks. */
export interface ServedOutput {
  /** The text of the `text` blocks, joined as the client reads them. */
  text: string;
  /** Thinking blocks' text and each tool call's input as lines ({@link toolInputText}), in reply order; `''` when none. */
  otherText: string;
}

/**
 * Splits a reply's content into its text and the words it served outside its text blocks.
 * A string is the text of a reply with one text block. Redacted thinking is encrypted (the
 * client cannot read it either) and adds nothing.
 *
 * @example
 * ```ts
 * servedOutput([{ type: 'thinking', thinking: '60 × 2 = 120 km, so 180 km are left.' }, { type: 'text', text: '180 km' }]);
 * // { text: '180 km', otherText: '60 × 2 = 120 km, so 180 km are left.' }
 * ```
 */
export function servedOutput<Block extends ReplyBlockLike>(content: string | readonly Block[]): ServedOutput {
  if (typeof content === 'string') return { text: content, otherText: '' };
  let text = '';
  const other: string[] = [];
  for (const block of content) {
    if (!block || typeof block !== 'object') continue;
    if (block.type === 'text' && typeof block.text === 'string') text += block.text;
    else if (block.type === 'thinking' && typeof block.thinking === 'string' && block.thinking) other.push(block.thinking);
    else if ((block.type === 'tool_use' || block.type === 'server_tool_use') && block.input !== undefined) {
      const rendered = toolInputText(block.input);
      if (rendered) other.push(rendered);
    }
  }
  return { text, otherText: other.join('\n\n') };
}

/** Deepest nesting rendered: a tool input is data, and deeper levels add no sentence. */
const MAX_DEPTH = 8;

/**
 * A tool call's input written as lines of text, so the answer readers read it as they read an
 * answer: each string of an array on a line of its own, an object's scalar fields on one line
 * (`key: value, key: value`, so a step written as `{"expr": "60 × 2", "value": 120}` stays one
 * computed sentence), nested values on the lines after, and a string of several lines in a fence
 * of its own (the readers then tell code from prose by its lines, as in any answer).
 *
 * @example
 * ```ts
 * toolInputText({ steps: ['60 × 2 = 120 km', '300 − 120 = 180 km'], result: '180 km' });
 * // 'result: 180 km\n60 × 2 = 120 km\n300 − 120 = 180 km'
 * ```
 */
export function toolInputText(input: unknown): string {
  const lines: string[] = [];
  render(input, lines, 0);
  return lines.join('\n');
}

function render(value: unknown, lines: string[], depth: number): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string') return stringLine(value, lines);
  if (typeof value === 'number' || typeof value === 'boolean') {
    lines.push(String(value));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) render(item, lines, depth + 1);
    return;
  }
  if (typeof value !== 'object') return;
  const scalars: string[] = [];
  const nested: unknown[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && !v.includes('\n'))) scalars.push(`${key}: ${String(v)}`);
    else nested.push(v);
  }
  if (scalars.length > 0) lines.push(scalars.join(', '));
  for (const v of nested) render(v, lines, depth + 1);
}

function stringLine(value: string, lines: string[]): void {
  if (!value) return;
  if (value.includes('\n')) lines.push('```', value, '```');
  else lines.push(value);
}
