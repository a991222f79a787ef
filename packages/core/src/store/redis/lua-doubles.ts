/**
 * Lua shared by the row and vector scripts: `doubles(n)`, the `struct` format of n little-endian
 * doubles, built once per size in a script run (building `'<' .. string.rep('d', n)` at every
 * pack or unpack would cost a string allocation each time).
 *
 * @example
 * ```ts
 * const lua = `${DOUBLES_LUA}\nreturn struct.pack(doubles(2), 1.5, 2.5)`;
 * ```
 */
export const DOUBLES_LUA = `
local doubleFormats = {}
local function doubles(n)
  local f = doubleFormats[n]
  if not f then
    f = '<' .. string.rep('d', n)
    doubleFormats[n] = f
  end
  return f
end
`;
