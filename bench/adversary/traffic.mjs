// Building blocks of simulated traffic: clients, addresses, timing and answers. Every campaign
// and stress case is written with these, so they differ only in what they choose to do.
const HOUR = 3_600_000;
const MIN = 60_000;

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36',
];
const LANGS = ['en-US,en;q=0.9', 'en-GB,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.7', 'fr-FR,fr;q=0.9,en;q=0.6', 'es-ES,es;q=0.9,en;q=0.6', 'pt-BR,pt;q=0.9,en;q=0.6', 'zh-CN,zh;q=0.9,en;q=0.6', 'ja-JP,ja;q=0.9,en;q=0.5'];
const SCRIPTS = ['python-httpx/0.28.1', 'python-requests/2.32.3', 'node', 'axios/1.7.9', 'Go-http-client/2.0', 'curl/8.5.0', 'okhttp/4.12.0'];

export const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
export const between = (rnd, lo, hi) => lo + rnd() * (hi - lo);
export const int = (rnd, lo, hi) => Math.floor(between(rnd, lo, hi + 1));
export const exp = (rnd, mean) => -Math.log(1 - rnd()) * mean;

export function browserHeaders(rnd, lang) {
  return { 'user-agent': pick(rnd, BROWSERS), 'content-type': 'application/json', 'accept-language': lang ?? pick(rnd, LANGS), accept: '*/*', origin: 'https://chat.example.com', 'sec-fetch-mode': 'cors' };
}
export function scriptedHeaders(rnd, ua) {
  return { 'user-agent': ua ?? pick(rnd, SCRIPTS), 'content-type': 'application/json' };
}

/** A residential-looking address, one per account. */
export function residentialIp(rnd) {
  const first = pick(rnd, [24, 67, 68, 71, 73, 76, 81, 82, 86, 90, 98, 108, 151, 174, 185, 188, 212]);
  return `${first}.${int(rnd, 0, 255)}.${int(rnd, 0, 255)}.${int(rnd, 1, 254)}`;
}
/** A rented /24 (datacenter) block; addresses in it share the first three octets. */
export function datacenterBlock(rnd) {
  return `${pick(rnd, [3, 13, 18, 34, 35, 44, 52, 54, 104, 138, 143, 159, 165])}.${int(rnd, 0, 255)}.${int(rnd, 0, 255)}`;
}
export const inBlock = (rnd, block) => `${block}.${int(rnd, 2, 250)}`;

/** Hour of the day (0-23) in an account's own time zone. */
export const localHour = (time, tzHours) => (((Math.floor(time / HOUR) + tzHours) % 24) + 24) % 24;

/** Moves a time forward to the account's next waking hour when it falls in its sleep. */
export function awake(time, tzHours, wake = 7, sleep = 23) {
  let t = time;
  for (let guard = 0; guard < 48; guard++) {
    const h = localHour(t, tzHours);
    if (h >= wake && h < sleep) return t;
    t = (Math.floor(t / HOUR) + 1) * HOUR;
  }
  return t;
}

/** How long a person takes before the next turn of a conversation: reading the answer, thinking, typing. */
export function humanTurnGap(rnd, answerChars, promptChars) {
  const read = answerChars / between(rnd, 18, 45); // characters a second
  const type = promptChars / between(rnd, 3, 8);
  return (read + type + between(rnd, 4, 40)) * 1000;
}

/** Splits an answer into sentences (for the reasoning-shaped answers in other languages). */
function sentences(answer) {
  return answer
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+/)
    .filter((s) => s.length > 20)
    .slice(0, 5);
}

const SHAPES = {
  en: { open: 'Let me work through this step by step.', step: (i) => `${i}.`, close: 'So the answer is:' },
  en2: { open: "Let's reason about it carefully.", step: (i) => `Step ${i}:`, close: 'Therefore,' },
  de: { open: 'Gehen wir das Schritt für Schritt durch.', step: (i) => `Schritt ${i}:`, close: 'Also ist die Antwort:' },
  fr: { open: 'Réfléchissons étape par étape.', step: (i) => `Étape ${i} :`, close: 'Donc la réponse est :' },
  es: { open: 'Pensemos paso a paso.', step: (i) => `Paso ${i}:`, close: 'Por lo tanto, la respuesta es:' },
  pt: { open: 'Vamos pensar passo a passo.', step: (i) => `Passo ${i}:`, close: 'Portanto, a resposta é:' },
  zh: { open: '让我们一步一步地思考。', step: (i) => `第${i}步：`, close: '因此，答案是：' },
  ja: { open: '順を追って考えてみましょう。', step: (i) => `ステップ${i}：`, close: 'したがって、答えは：' },
  json: null,
};

/**
 * The answers a service would serve. A prompt that asks for reasoning gets an answer shaped that
 * way (in the language it was asked in); others get a real answer from the pool.
 */
export function answerer(corpus, rnd) {
  return function answer(reasoning, lang = 'en') {
    if (!reasoning) return pick(rnd, corpus.plainAnswers);
    if (lang === 'en' && rnd() < 0.6) return pick(rnd, corpus.reasoningAnswers);
    const base = sentences(pick(rnd, corpus.plainAnswers));
    if (lang === 'json') {
      return JSON.stringify({ steps: base.slice(0, -1), answer: base.at(-1) ?? '' }, null, 2);
    }
    const shape = SHAPES[lang] ?? SHAPES.en2;
    const steps = base.slice(0, -1).map((s, i) => `${shape.step(i + 1)} ${s}`);
    return `${shape.open}\n\n${steps.join('\n')}\n\n${shape.close}\n${base.at(-1) ?? ''}`;
  };
}

/** One request line of the log, with the usage the answer cost. */
export function request({ time, user, ip, headers, messages, content, model = 'claude-haiku-4-5', maxTokens = 2048, system, stream }) {
  const inputChars = messages.reduce((a, m) => a + (typeof m.content === 'string' ? m.content.length : 0), 0) + (system?.length ?? 0);
  const body = { model, max_tokens: maxTokens, messages };
  if (system) body.system = system;
  if (stream) body.stream = true;
  return {
    time,
    user,
    ip,
    method: 'POST',
    path: '/api/chat',
    headers,
    body,
    response: { status: 200, usage: { input_tokens: Math.max(1, Math.ceil(inputChars / 4)), output_tokens: Math.max(1, Math.ceil(content.length / 3.6)) }, content },
  };
}

export { HOUR, MIN };
