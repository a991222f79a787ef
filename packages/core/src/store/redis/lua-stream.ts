/**
 * Lua shared by the row and vector scripts: `unpackAll(raw)`, a flat MessagePack stream (a
 * sequence of values, no nested maps) decoded into one table. Lua returns at most a few thousand
 * values at once, so a long stream is decoded in pieces.
 *
 * @example
 * ```ts
 * const lua = `${UNPACK_ALL_LUA}\nlocal values = unpackAll(ARGV[1])`;
 * ```
 */
export const UNPACK_ALL_LUA = `-- A stream of values. Lua returns at most a few thousand values at once: a stream short enough
-- not to hold that many (a value takes a byte at least) is decoded in one call, a longer one in pieces.
local function unpackAll(raw)
  if #raw <= 7000 then return { cmsgpack.unpack(raw) } end
  local out, n, offset = {}, 0, 0
  while offset >= 0 do
    local r = { cmsgpack.unpack_limit(raw, 4000, offset) }
    for i = 2, #r do out[n + i - 1] = r[i] end
    n = n + #r - 1
    offset = r[1]
  end
  return out
end
`;
