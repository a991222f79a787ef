/**
 * The account id an app's auth layer attached: a string, or an object's `id`, `sub`, `userId`,
 * or `payload.sub` (passport, express-jwt, Clerk and express-oauth2-jwt-bearer shapes).
 */
export function userIdFrom(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number') return String(value);
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  for (const key of ['id', 'sub', 'userId', 'user_id'] as const) {
    const x = v[key];
    if (typeof x === 'string' && x) return x;
    if (typeof x === 'number') return String(x);
  }
  const payload = v.payload as Record<string, unknown> | undefined;
  return typeof payload?.sub === 'string' ? payload.sub : undefined;
}
