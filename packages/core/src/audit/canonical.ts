/**
 * The serialisation the chain hashes: JSON with object keys sorted at every depth and no
 * whitespace. It follows `JSON.stringify` for values (undefined members are left out, non-finite
 * numbers become null), so a line that is parsed back and re-canonicalised hashes the same.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: { d: [1, 'x'], c: true } }); // '{"a":{"c":true,"d":[1,"x"]},"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return value === undefined || typeof value === 'function' ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined || typeof v === 'function') continue;
    out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}
