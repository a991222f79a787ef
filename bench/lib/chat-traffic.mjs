// The HTTP benchmark's chat traffic (bench/http-throughput.mjs), shared with the in-process
// benchmarks so that they can measure the very requests an HTTP run sends.
//
// Conversations that grow turn by turn (clients resend the history), every new user turn unique,
// many users, interleaved: turn 0 of every conversation, then turn 1 of every conversation, and
// so on. Each conversation comes from its own address (sent as X-Forwarded-For) and a browser:
// one address and one client for everyone would look like a campaign.

export const USERS = 10_000;
export const CONVERSATIONS = 4_000;
export const TURNS = 12;

const ASKS = [
  'Can you explain how a heat pump works in winter?',
  'Write a short, friendly reminder email about the team offsite on Friday.',
  'What is the difference between a list and a tuple in Python?',
  'My tomato plants have yellow leaves at the bottom. What should I do?',
  'Summarise the causes of the French Revolution in a few sentences.',
  'How do I centre a div horizontally and vertically with CSS grid?',
  'Suggest a three-day itinerary for Kyoto in autumn.',
  'Why does my sourdough come out dense, and how can I fix it?',
];
const FOLLOWS = ['Thanks, can you make it shorter?', 'Can you give an example?', 'What would you do in my place?', 'And how much would that cost roughly?', 'Could you put that in a table?'];
const REPLY = 'Sure. Here is a clear answer with the main points first, then the details you may need: it depends on a few factors, which I will go through one by one, with a short example for each so you can apply them right away.';
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
];

/** The headers every request of the load generator carries, besides `x-user`, `x-forwarded-for` and `user-agent`. */
export const BASE_HEADERS = { 'content-type': 'application/json', 'accept': '*/*', 'accept-language': 'en-US,en;q=0.9', 'origin': 'https://chat.example.com', 'sec-fetch-mode': 'cors' };

/** What the benchmark server answers and records for every request (`usage`, `outputText`). */
export const SERVED_ANSWER = 'Plant tomatoes in spring, in full sun, and water them deeply twice a week.';

/**
 * A served answer of 580 characters, near the development log's average (521), for in-process runs
 * that weigh the detector's reading of answers as real traffic does (`BENCH_LONG_ANSWER=1`): the
 * HTTP benchmark's answer is 75 characters, and the answer readers' cost grows with the text.
 */
export const SERVED_LONG_ANSWER = [
  'Yellow leaves at the bottom of a tomato plant are usually nothing serious. The oldest leaves sit in the shade of the new growth, so the plant lets them go first.',
  'If the yellowing climbs higher, look at three things:',
  '1. Water: soil that stays wet for days starves the roots of air, so water deeply about twice a week instead of a little every day.',
  '2. Feeding: a pale plant with green veins often lacks nitrogen or magnesium; a balanced feed every two weeks fixes most cases.',
  '3. Disease: brown spots with rings point to early blight, so remove those leaves and keep the foliage dry.',
].join('\n');

/**
 * The traffic as `{ user, ip, agent, body }` (body as JSON text), or with `group` the same shape
 * from other users, addresses and conversations (the warm-up's).
 */
export function chatBodies(group = '') {
  const out = [];
  const histories = Array.from({ length: CONVERSATIONS }, () => []);
  for (let t = 0; t < TURNS; t++) {
    for (let c = 0; c < CONVERSATIONS; c++) {
      const h = histories[c];
      const ask = t === 0 ? ASKS[c % ASKS.length] : FOLLOWS[(c + t) % FOLLOWS.length];
      h.push({ role: 'user', content: `${ask} (${group}${c}.${t})` });
      out.push({ user: `${group}u${c % USERS}`, ip: `${(group ? 211 : 11) + (c % (group ? 40 : 200))}.${(c * 7) % 250}.${(c * 13) % 250}.${1 + (c % 250)}`, agent: AGENTS[c % AGENTS.length], body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 512, messages: h }) });
      h.push({ role: 'assistant', content: `${REPLY} [${c}.${t}]` });
    }
  }
  return out;
}

/**
 * Steady chat traffic with `conversations` in flight at every moment (bench/conversation-sweep.mjs):
 * that many slots visited round-robin, each running a conversation of `turns` turns and then a
 * new one (new texts, user and address); slot c starts at turn c mod `turns`, so every turn is
 * equally common. About 2.5 users per slot, as above. `next()` gives `{ user, ip, agent, body }`.
 */
export function steadyChat(conversations, turns = TURNS) {
  const users = Math.ceil(conversations * 2.5);
  const slots = Array.from({ length: conversations }, (_, c) => ({ generation: 0, turn: c % turns, history: undefined }));
  let next = 0;
  const userText = (c, g, t) => `${t === 0 ? ASKS[(c + g) % ASKS.length] : FOLLOWS[(c + g + t) % FOLLOWS.length]} (s${c}g${g}.${t})`;
  return {
    next() {
      const c = next;
      next = (next + 1) % conversations;
      const s = slots[c];
      if (s.history === undefined) {
        s.history = [];
        for (let t = 0; t < s.turn; t++) s.history.push({ role: 'user', content: userText(c, s.generation, t) }, { role: 'assistant', content: `${REPLY} [s${c}g${s.generation}.${t}]` });
      }
      const g = s.generation;
      const t = s.turn;
      s.history.push({ role: 'user', content: userText(c, g, t) });
      const x = c + g * conversations;
      const out = { user: `u${x % users}`, ip: `${11 + (x % 200)}.${(x * 7) % 250}.${(x * 13) % 250}.${1 + (x % 250)}`, agent: AGENTS[x % AGENTS.length], body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 512, messages: s.history }) };
      s.history.push({ role: 'assistant', content: `${REPLY} [s${c}g${g}.${t}]` });
      if (++s.turn === turns) {
        s.turn = 0;
        s.generation++;
        s.history = [];
      }
      return out;
    },
  };
}
