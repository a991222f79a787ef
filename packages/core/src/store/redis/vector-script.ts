import { VECTOR_LUA } from './row-script.js';

/** Version of the vector script and of its hashes' format (see {@link ROW_PROTOCOL}). */
export const VECTOR_PROTOCOL = 1;

/**
 * Shared vectors (cross-account state: the detector's groups and population) live as fields of a
 * few shard hashes, each on its own Cluster slot. An instance adds up its changes in memory and
 * sends them behind, one call per shard: this script applies the ops of every vector sent, writes
 * the changed ones back and answers every vector asked for, so the instance's copy catches up
 * with what the other instances wrote.
 *
 * Each vector carries its last write time (seconds, an extra last element); a sweep, asked for
 * every so often, walks the hash a little further from where the last one stopped (its cursor
 * sits in KEYS[2], on the same slot) and drops vectors idle for longer than `ttl` seconds.
 *
 * KEYS[1]: the shard hash; KEYS[2]: its sweep cursor. ARGV[1]: MessagePack
 * `{ n, ttl, ids: [...], ops: [[code, index, value, ...], ...], sweep }`.
 * Answers the vectors of `ids`, in order, after the ops (an empty string for one never written).
 */
export const VECTOR_SCRIPT_LUA = `
local spec = cmsgpack.unpack(ARGV[1])
local nowS = tonumber(redis.call('TIME')[1])
${VECTOR_LUA}
local n = spec.n
local out = {}
if #spec.ids > 0 then
  local raws = redis.call('HMGET', KEYS[1], unpack(spec.ids))
  local writes = {}
  for i, id in ipairs(spec.ids) do
    local ops = spec.ops[i]
    if hasOps(ops) then
      -- The last element is the vector's last write time (seconds), for the sweep.
      local v = unpackVector(raws[i], n + 1)
      applyOps(v, ops, n)
      v[n + 1] = nowS
      local packed = packVector(v, n + 1)
      writes[#writes + 1] = id
      writes[#writes + 1] = packed
      out[i] = packed
    else
      out[i] = raws[i] or ''
    end
  end
  if #writes > 0 then redis.call('HSET', KEYS[1], unpack(writes)) end
end
if spec.sweep then
  local cursor = redis.call('GET', KEYS[2]) or '0'
  local page = redis.call('HSCAN', KEYS[1], cursor, 'COUNT', 200)
  local stale = {}
  local fields = page[2]
  for i = 1, #fields, 2 do
    local raw = fields[i + 1]
    if #raw == (n + 1) * 8 then
      local touched = struct.unpack('<d', raw, n * 8 + 1)
      if touched + spec.ttl < nowS then stale[#stale + 1] = fields[i] end
    else
      stale[#stale + 1] = fields[i]
    end
  end
  if #stale > 0 then redis.call('HDEL', KEYS[1], unpack(stale)) end
  redis.call('SET', KEYS[2], page[1], 'EX', 86400)
end
return out
`;
