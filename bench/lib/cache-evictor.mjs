/**
 * A function that reads `mb` megabytes of a buffer of its own, one read per 64-byte cache line:
 * called between two requests, it leaves the CPU caches as a server's other work (HTTP parsing,
 * the framework, the body, garbage collection) leaves them between two checks, instead of holding
 * the guard's tables from the request before. `undefined` for 0.
 */
export function cacheEvictor(mb) {
  if (!(mb > 0)) return undefined;
  const lines = new Float64Array(Math.round(mb * 131_072));
  let sink = 0;
  return () => {
    for (let i = 0; i < lines.length; i += 8) sink += lines[i];
    return sink;
  };
}
