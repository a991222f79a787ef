// The chat page: sends { conversationId, message } to POST /api/chat, reads the reply as
// server-sent events over fetch, and explains refusals (429 with the wait, 403, 400) in plain words.
// Plain browser JavaScript, no build step, nothing from the internet.

const $ = (id) => document.getElementById(id);
const log = $('log');
const empty = $('empty');
const form = $('composer');
const input = $('input');
const send = $('send');
const notice = $('notice');
const mode = $('mode');
const newConversation = $('new-conversation');

const STORAGE_KEY = 'distill-guard-example:conversation';

let conversationId = storedConversationId() ?? startConversation();
/** The reply being streamed, so "New conversation" can stop it. */
let streaming = null;
/** While a 429 lasts: when sending is allowed again (ms since epoch). */
let blockedUntil = 0;
let countdown = null;

// ---------------------------------------------------------------------------------------------
// Conversations

function newId() {
  // getRandomValues also works over plain HTTP (randomUUID needs a secure context).
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function storedConversationId() {
  try {
    const id = localStorage.getItem(STORAGE_KEY);
    return id && /^[A-Za-z0-9_-]{8,64}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

function startConversation() {
  const id = newId();
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // Private browsing: the conversation lasts as long as the page.
  }
  return id;
}

async function loadHistory() {
  try {
    const res = await fetch(`/api/conversations/${encodeURIComponent(conversationId)}`, { headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const { messages } = await res.json();
    for (const m of messages) addMessage(m.role, m.content);
  } catch {
    // The page still works; the history shows again on the next load.
  }
}

newConversation.addEventListener('click', () => {
  streaming?.abort();
  conversationId = startConversation();
  for (const el of log.querySelectorAll('.msg')) el.remove();
  empty.hidden = false;
  if (Date.now() >= blockedUntil) hideNotice();
  input.focus();
});

// ---------------------------------------------------------------------------------------------
// Messages

function addMessage(role, text, { pending = false } = {}) {
  empty.hidden = true;
  const row = document.createElement('div');
  row.className = `msg ${role}`;
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  bubble.textContent = text;
  if (pending) bubble.classList.add('pending');
  row.append(bubble);
  log.append(row);
  scrollDown();
  return bubble;
}

function markNotSent(bubble, restored) {
  bubble.classList.add('failed');
  const note = document.createElement('div');
  note.className = 'note';
  note.textContent = restored ? 'Not sent. Your text is back in the message box.' : 'Not sent.';
  bubble.after(note);
  scrollDown();
}

function scrollDown() {
  log.scrollTop = log.scrollHeight;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text || streaming || Date.now() < blockedUntil) return;
  input.value = '';
  void sendMessage(text);
});

input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

async function sendMessage(text) {
  if (Date.now() >= blockedUntil) hideNotice();
  const mine = addMessage('user', text);
  const reply = addMessage('assistant', '', { pending: true });
  const controller = new AbortController();
  streaming = controller;
  setBusy(true);
  try {
    const res = await fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ conversationId, message: text }),
      signal: controller.signal,
    });
    if (!res.ok) {
      // Refused: nothing was sent to the model and nothing was saved. Give the text back.
      reply.parentElement.remove();
      const restored = !input.value;
      if (restored) input.value = text;
      markNotSent(mine, restored);
      showRefusal(res.status, await errorMessage(res), res.headers.get('retry-after'));
      return;
    }
    await readReply(res, reply);
  } catch (err) {
    if (controller.signal.aborted) {
      reply.classList.remove('pending');
      if (!reply.textContent) reply.parentElement.remove();
      return;
    }
    reply.classList.remove('pending');
    reply.classList.add('failed');
    if (!reply.textContent) reply.textContent = '…';
    showNotice('error', 'The connection to the server was lost. Check that it is still running, then send again.');
  } finally {
    if (streaming === controller) streaming = null;
    setBusy(false);
  }
}

/** Reads `event: …\ndata: {…}` blocks as they arrive and writes the text deltas into `bubble`. */
async function readReply(res, bubble) {
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let stop;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const event = parseEvent(block);
      if (!event) continue;
      if (event.type === 'content_block_delta' && event.delta?.type === 'text_delta') {
        bubble.classList.remove('pending');
        bubble.textContent += event.delta.text;
        scrollDown();
      } else if (event.type === 'message_delta') {
        stop = event.delta?.stop_reason;
      } else if (event.type === 'error') {
        bubble.classList.add('failed');
        showNotice('error', `The reply stopped: ${event.error?.message ?? 'the model failed'}. Send your message again to retry.`);
      }
    }
  }
  bubble.classList.remove('pending');
  if (!bubble.textContent) bubble.textContent = '(no text in this reply)';
  if (stop === 'max_tokens') {
    const note = document.createElement('div');
    note.className = 'note';
    note.textContent = 'The reply reached its length limit.';
    bubble.after(note);
  }
}

function parseEvent(block) {
  const data = block
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n');
  if (!data) return null;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** The message of an Anthropic-shaped error body: {"type":"error","error":{"type","message"}}. */
async function errorMessage(res) {
  try {
    const body = await res.json();
    return body?.error?.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Refusals and notices

function showRefusal(status, message, retryAfterHeader) {
  const seconds = Number.parseInt(retryAfterHeader ?? '', 10);
  const wait = Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
  if (status === 429) {
    // The countdown replaces the server's own "Retry after N s." sentence.
    const why = message.replace(/\s*Retry after \d+ s\.?\s*$/, '');
    blockUntil(wait ?? 10, (left) => `Slow down. ${why} You can send again in ${left} s.`);
  } else if (status === 403) {
    showNotice('error', `Access refused: ${message}`);
  } else if (status === 400 || status === 413) {
    showNotice('warn', `This message was not accepted: ${message}`);
  } else if (status === 401) {
    showNotice('error', `Not signed in: ${message}`);
  } else if (status >= 500) {
    const later = wait ? ` (Retry-After: ${wait} s)` : '';
    showNotice('error', `The assistant could not answer. ${message}${later}`);
  } else {
    showNotice('error', `The message could not be sent (HTTP ${status}): ${message}`);
  }
}

function blockUntil(seconds, text) {
  blockedUntil = Date.now() + seconds * 1000;
  clearInterval(countdown);
  const tick = () => {
    const left = Math.ceil((blockedUntil - Date.now()) / 1000);
    if (left <= 0) {
      clearInterval(countdown);
      countdown = null;
      blockedUntil = 0;
      showNotice('info', 'You can send messages again.');
      setBusy(Boolean(streaming));
      return;
    }
    showNotice('warn', text(left));
    send.disabled = true;
  };
  tick();
  countdown = setInterval(tick, 1000);
}

function showNotice(kind, text) {
  notice.className = `notice ${kind}`;
  notice.textContent = text;
  notice.hidden = false;
}

function hideNotice() {
  notice.hidden = true;
  notice.textContent = '';
}

function setBusy(busy) {
  send.disabled = busy || Date.now() < blockedUntil;
  send.textContent = busy ? 'Replying…' : 'Send';
}

// ---------------------------------------------------------------------------------------------
// Start

async function showMode() {
  try {
    const res = await fetch('/api/info', { headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const info = await res.json();
    mode.textContent = `${info.claude === 'offline' ? 'offline Claude' : 'Claude API'} · ${info.model} · ${info.store}`;
    mode.title = info.claude === 'offline' ? 'Replies come from a local stand-in for the Messages API. Set ANTHROPIC_API_KEY for the real model.' : '';
    mode.hidden = false;
  } catch {
    // Cosmetic only.
  }
}

void showMode();
void loadHistory();
input.focus();
