import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying the webhook signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const SIGNATURE_HEADER = 'x-distill-guard-signature';

/**
 * The signature header value for a webhook body.
 *
 * @example
 * ```ts
 * const header = signWebhookPayload(body, secret, Math.floor(Date.now() / 1000)); // 't=1793610000,v1=5f…'
 * ```
 */
export function signWebhookPayload(body: string | Uint8Array, secret: string, timestampSeconds: number): string {
  const t = Math.floor(timestampSeconds);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

function hmac(secret: string, t: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${t}.`, 'utf8').update(body).digest('hex');
}

export interface VerifyWebhookSignatureOptions {
  /** The raw request body, exactly as received (before JSON parsing). */
  body: string | Uint8Array;
  /** The `x-distill-guard-signature` header. */
  header: string | null | undefined;
  /** The shared secret; several while rotating. */
  secret: string | readonly string[];
  /** Reject signatures older (or newer) than this. Default 300 s. */
  toleranceSeconds?: number;
  /** Current time in unix seconds. Default: now. */
  nowSeconds?: number;
}

/**
 * Checks a distill-guard webhook on the receiving side: the HMAC must match one of the secrets
 * (compared in constant time) and the timestamp must be within the tolerance, so a captured
 * request cannot be replayed later.
 *
 * @example
 * ```ts
 * app.post('/hooks/distill-guard', express.raw({ type: 'application/json' }), (req, res) => {
 *   const ok = verifyWebhookSignature({ body: req.body, header: req.get('x-distill-guard-signature'), secret: process.env.HOOK_SECRET! });
 *   if (!ok) return res.sendStatus(401);
 *   const alert = JSON.parse(req.body.toString('utf8'));
 *   res.sendStatus(204);
 * });
 * ```
 */
export function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): boolean {
  const { body, header } = options;
  if (!header) return false;
  let t: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) t = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (t === undefined || candidates.length === 0) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  let ok = false;
  for (const secret of secrets) {
    const expected = Buffer.from(hmac(secret, t, body), 'hex');
    for (const c of candidates) if (timingSafeEqual(expected, Buffer.from(c, 'hex'))) ok = true;
  }
  return ok;
}
