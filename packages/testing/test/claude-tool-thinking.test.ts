import Anthropic, { type APIError } from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startClaudeServer, type ClaudeServer, type MessagesRequestBody, type ToolCall } from '../src/index.js';
import { MODEL, apiMessage, clientFor, rejection } from './helpers.js';

const CITIES = ['Paris', 'Lisbon', 'Oslo'];
const tools: Anthropic.Tool[] = [
  { name: 'get_weather', description: 'Current weather in a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
];

/** One weather call per city, then an answer: counts the tool results sent so far. */
function weatherCalls(body: MessagesRequestBody): ToolCall | undefined {
  const answered = body.messages.filter((m) => Array.isArray(m.content) && m.content.some((b) => b.type === 'tool_result')).length;
  const city = CITIES[answered];
  return city === undefined ? undefined : { name: 'get_weather', input: { city } };
}

const enabled = { type: 'enabled', budget_tokens: 1024 } as const;
const question = (thinking?: Anthropic.ThinkingConfigParam): Anthropic.MessageCreateParamsNonStreaming => ({
  model: MODEL,
  max_tokens: 2048,
  tools,
  messages: [{ role: 'user', content: 'What is the weather in Paris, Lisbon and Oslo?' }],
  ...(thinking && { thinking }),
});

/** The user message answering every tool call of `reply`. */
function results(reply: Anthropic.Message): Anthropic.MessageParam {
  const content: Anthropic.ToolResultBlockParam[] = reply.content.flatMap((b) =>
    b.type === 'tool_use' ? [{ type: 'tool_result', tool_use_id: b.id, content: `Sunny in ${(b.input as { city: string }).city}` }] : [],
  );
  return { role: 'user', content };
}

/**
 * Runs a tool loop the way an honest client does: each assistant message is sent back exactly
 * as received (unless `echo` changes it), followed by the results of its calls.
 */
async function loop(client: Anthropic, first: Anthropic.MessageCreateParamsNonStreaming, stream: boolean, echo = (m: Anthropic.Message): Anthropic.MessageParam => ({ role: 'assistant', content: m.content })) {
  const params = { ...first, messages: [...first.messages] };
  const replies: Anthropic.Message[] = [];
  for (let step = 0; step < 10; step++) {
    const reply = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
    replies.push(reply);
    if (reply.stop_reason !== 'tool_use') return { replies, params };
    params.messages.push(echo(reply), results(reply));
  }
  throw new Error('the loop did not end');
}

let server: ClaudeServer;
beforeEach(async () => {
  server = await startClaudeServer({ toolUse: weatherCalls });
});
afterEach(async () => {
  await server.close();
});

describe('tool calls (the toolUse option)', () => {
  it('ends a reply in a tool_use block after the signed thinking, with stop_reason tool_use', async () => {
    const reply = await clientFor(server).messages.create(question(enabled));
    expect(reply.stop_reason).toBe('tool_use');
    expect(reply.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
    expect(reply.content[1]).toMatchObject({ type: 'tool_use', id: expect.stringMatching(/^toolu_01/), name: 'get_weather', input: { city: 'Paris' } });
    expect(reply.usage.output_tokens).toBeGreaterThan(10);
  });

  it('streams the call as input_json_delta pieces the SDK assembles into the same message', async () => {
    const client = clientFor(server);
    const json = await client.messages.create(question(enabled));
    const deltas: string[] = [];
    const stream = client.messages.stream(question(enabled));
    stream.on('streamEvent', (e) => {
      if (e.type === 'content_block_delta') deltas.push(e.delta.type);
    });
    const streamed = await stream.finalMessage();
    expect(deltas.filter((d) => d === 'input_json_delta').length).toBeGreaterThan(1);
    const withoutIds = (m: Anthropic.Message) => m.content.map((b) => (b.type === 'tool_use' ? { ...b, id: '' } : b));
    expect(withoutIds(streamed)).toEqual(withoutIds(json));
    expect(streamed.stop_reason).toBe('tool_use');
    expect(streamed.usage).toEqual(json.usage);
  });

  it('says the call text first when there is one, and answers normally when toolUse returns nothing', async () => {
    const chatty = await startClaudeServer({ toolUse: () => ({ name: 'get_weather', input: { city: 'Oslo' }, text: 'Let me check.' }) });
    try {
      const reply = await clientFor(chatty).messages.create(question());
      expect(reply.content.map((b) => b.type)).toEqual(['text', 'tool_use']);
      expect(reply.content[0]).toMatchObject({ text: 'Let me check.' });
    } finally {
      await chatty.close();
    }
    const plain = await startClaudeServer({ toolUse: () => undefined });
    try {
      const reply = await clientFor(plain).messages.create(question());
      expect(reply.stop_reason).toBe('end_turn');
      expect(reply.content.map((b) => b.type)).toEqual(['text']);
    } finally {
      await plain.close();
    }
  });
});

describe('thinking blocks sent back in a tool loop', () => {
  describe.each([false, true])('stream: %s', (stream) => {
    it.each([['enabled', enabled], ['adaptive', { type: 'adaptive' }]] as const)('completes a three-call loop with thinking %s when each message is echoed as received', async (_name, thinking) => {
      const { replies } = await loop(clientFor(server), question(thinking), stream);
      expect(replies.map((r) => r.stop_reason)).toEqual(['tool_use', 'tool_use', 'tool_use', 'end_turn']);
      expect(replies.every((r) => r.content[0]?.type === 'thinking')).toBe(true);
      expect(server.requests.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    });

    it('refuses the echo with its thinking stripped, in the API words', async () => {
      const strip = (m: Anthropic.Message): Anthropic.MessageParam => ({ role: 'assistant', content: m.content.filter((b) => b.type !== 'thinking') });
      const error = await rejection(loop(clientFor(server), question(enabled), stream, strip));
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect((error as APIError).type).toBe('invalid_request_error');
      expect(apiMessage(error)).toBe(
        'messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block ' +
          '(preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. ' +
          'Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking',
      );
    });
  });

  it('checks the start of the turn: the first assistant message of a multi-step loop', async () => {
    const client = clientFor(server);
    const strippedFirst = (() => {
      let n = 0;
      return (m: Anthropic.Message): Anthropic.MessageParam => ({ role: 'assistant', content: n++ === 0 ? m.content.filter((b) => b.type !== 'thinking') : m.content });
    })();
    // Step 2 fails on messages.1 (the turn's start); the later, intact assistant messages do not help.
    const error = await rejection(loop(client, question(enabled), false, strippedFirst));
    expect(apiMessage(error)).toMatch(/^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`/);
    expect(server.requests.map((r) => r.status)).toEqual([200, 400]);
  });

  it('names what the turn starts with instead, and accepts redacted_thinking as a start', async () => {
    const client = clientFor(server);
    const first = await client.messages.create(question(enabled));
    const call = first.content.find((b) => b.type === 'tool_use')!;
    const continueWith = (content: Anthropic.ContentBlockParam[]) =>
      client.messages.create({ ...question(enabled), messages: [...question().messages, { role: 'assistant', content }, results(first)] });
    const textFirst = await rejection(continueWith([{ type: 'text', text: 'Checking.' }, call]));
    expect(apiMessage(textFirst)).toMatch(/^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `text`\./);
    const redacted = await continueWith([{ type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' }, call]);
    expect(redacted.stop_reason).toBe('tool_use');
  });

  it('refuses a thinking block whose text was changed, or that has no signature', async () => {
    const client = clientFor(server);
    const first = await client.messages.create(question(enabled));
    const [thinking, call] = first.content as [Anthropic.ThinkingBlock, Anthropic.ToolUseBlock];
    const continueWith = (block: Record<string, unknown>) =>
      client.messages.create({ ...question(enabled), messages: [...question().messages, { role: 'assistant', content: [block as never, call] }, results(first)] });
    const edited = await rejection(continueWith({ ...thinking, thinking: `${thinking.thinking} And one more thing.` }));
    expect(apiMessage(edited)).toBe('messages.1.content.0: Invalid `signature` in `thinking` block');
    const forged = await rejection(continueWith({ ...thinking, signature: Buffer.from('forged').toString('base64') }));
    expect(apiMessage(forged)).toBe('messages.1.content.0: Invalid `signature` in `thinking` block');
    const { signature: _dropped, ...unsigned } = thinking;
    const missing = await rejection(continueWith(unsigned));
    expect(apiMessage(missing)).toBe('messages.1.content.0.signature: Field required');
    // Checked with thinking off too: a signature vouches for the text wherever it is sent.
    const off = await rejection(client.messages.create({ ...question(), messages: [...question().messages, { role: 'assistant', content: [{ ...thinking, thinking: 'Something else.' }, call] }, results(first)] }));
    expect(apiMessage(off)).toBe('messages.1.content.0: Invalid `signature` in `thinking` block');
  });

  it('needs no thinking block when thinking is off, or when a new turn starts', async () => {
    const client = clientFor(server);
    const strip = (m: Anthropic.Message): Anthropic.MessageParam => ({ role: 'assistant', content: m.content.filter((b) => b.type !== 'thinking') });
    // A loop that started with thinking and had it stripped goes on with thinking off.
    const first = await client.messages.create(question(enabled));
    const off = await loop(client, { ...question(), messages: [...question().messages, strip(first), results(first)] }, false, strip);
    expect(off.replies.at(-1)!.stop_reason).toBe('end_turn');
    // A new user question starts a new turn: earlier turns' assistant messages may lack thinking.
    const next = await client.messages.create({ ...question(enabled), messages: [...off.params.messages, { role: 'assistant', content: off.replies.at(-1)!.content }, { role: 'user', content: 'And tomorrow?' }] });
    expect(next.content[0]?.type).toBe('thinking');
  });
});
