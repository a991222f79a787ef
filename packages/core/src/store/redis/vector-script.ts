import { DOUBLES_LUA } from './lua-doubles.js';
import { UNPACK_ALL_LUA } from './lua-stream.js';
import { OP_BYTES } from './vector-ops.js';

/**
 * Version of the shared vectors' hashes (their keys carry it: `det:v1`). Two script versions with
 * the same hash format share the hashes, so a rolling deploy keeps one population and one set of
 * groups.
 */
export const VECTOR_PROTOCOL = 1;

/**
 * The version of the vector script's calling convention (its ARGV and reply; 1: one shard a call,
 * its argument a MessagePack map with a list of ops per vector; 2: several shards a call, in one
 * flat stream). It names the command; the hashes are {@link VECTOR_PROTOCOL}'s.
 */
export const VECTOR_SCRIPT_VERSION = 2;

/**
 * Shared vectors (cross-account state: the detector's groups and population) live as fields of a
 * few shard hashes, each on its own Cluster slot. An instance adds up its changes in memory and
 * sends them behind: this script applies the ops of every vector sent, writes the changed ones
 * back and answers every vector asked for, so the instance's copy catches up with what the other
 * instances wrote. On a standalone server one call carries every shard a flush touches (its cost
 * follows the vectors sent, not the number of shards); on a Cluster, one call per shard.
 *
 * Each vector carries its last write time (seconds, an extra last element); a sweep, asked for
 * every so often, walks the hash a little further from where the last one stopped (its cursor
 * sits beside the hash, on the same slot) and drops vectors idle for longer than `ttl` seconds.
 *
 * KEYS: per shard, its hash and its sweep cursor. ARGV[1]: a flat MessagePack stream
 * `nshards, (n, ttl, sweep, nids, (id, ops) × nids) × nshards` (`n` the vectors' size, `sweep` 1
 * or 0, `ops` a vector's ops as a vector key's log holds them, see `encodeOps`; '' for none). Answers per shard the vectors of its ids, in order, after
 * the ops (an empty string for one never written).
 */
export const VECTOR_SCRIPT_LUA = `
${UNPACK_ALL_LUA}
${DOUBLES_LUA}
-- A vector is a packed string of doubles, unpacked whole (one C call) to apply ops and packed
-- back once: faster in Redis's Lua than patching a few fields in place.
local function unpackVector(raw, n)
  local v
  if raw and #raw == n * 8 then
    v = { struct.unpack(doubles(n), raw) }
    v[n + 1] = nil
  else
    v = {}
    for i = 1, n do v[i] = 0 end
  end
  return v
end

-- The ops of one vector, a string of 11-byte ops (code uint8, index uint16, value double, little-
-- endian: see \`encodeOps\`), decoded a piece at a time in one C call each (its struct format
-- built once per piece size): three MessagePack values per op cost Redis several times more.
local opFormats = {}
local function opsFormat(k)
  local f = opFormats[k]
  if not f then
    f = '<' .. string.rep('BHd', k)
    opFormats[k] = f
  end
  return f
end
local OPS_PER_PIECE = 500
local function applyOps(v, ops, n)
  local total = math.floor(#ops / ${OP_BYTES})
  for first = 0, total - 1, OPS_PER_PIECE do
    local k = math.min(OPS_PER_PIECE, total - first)
    local o = { struct.unpack(opsFormat(k), ops, first * ${OP_BYTES} + 1) }
    for q = 1, 3 * k - 2, 3 do
      local code, i, x = o[q], o[q + 1] + 1, o[q + 2]
      if i <= n then
        if code == 1 then v[i] = v[i] + x
        elseif code == 2 then v[i] = x
        elseif code == 3 then v[i] = bit.bor(v[i], bit.lshift(1, x))
        elseif code == 4 then if x > v[i] then v[i] = x end
        elseif code == 5 then
          if v[i] ~= x then
            v[i] = x
            if i + 1 <= n then v[i + 1] = 0 end
          end
        end
      end
    end
  end
end

local nowS = tonumber(redis.call('TIME')[1])
local s = unpackAll(ARGV[1])
local p = 2
local replies = {}
for shard = 1, s[1] do
  local hash, cursorKey = KEYS[2 * shard - 1], KEYS[2 * shard]
  local n, ttl, sweep, nids = s[p], s[p + 1], s[p + 2], s[p + 3]
  p = p + 4
  local out = {}
  if nids > 0 then
    -- Each id's place in the stream (its ops follow it), then one HMGET for all.
    local ids, at = {}, {}
    for i = 1, nids do
      ids[i], at[i] = s[p], p + 1
      p = p + 2
    end
    local raws = redis.call('HMGET', hash, unpack(ids))
    local writes = {}
    for i = 1, nids do
      local ops = s[at[i]]
      if ops ~= '' then
        local v = unpackVector(raws[i], n + 1)
        applyOps(v, ops, n)
        v[n + 1] = nowS
        local packed = struct.pack(doubles(n + 1), unpack(v, 1, n + 1))
        writes[#writes + 1] = ids[i]
        writes[#writes + 1] = packed
        out[i] = packed
      else
        out[i] = raws[i] or ''
      end
    end
    if #writes > 0 then redis.call('HSET', hash, unpack(writes)) end
  end
  if sweep == 1 then
    local cursor = redis.call('GET', cursorKey) or '0'
    local page = redis.call('HSCAN', hash, cursor, 'COUNT', 200)
    local stale = {}
    local fields = page[2]
    for i = 1, #fields, 2 do
      local raw = fields[i + 1]
      if #raw == (n + 1) * 8 then
        local touched = struct.unpack('<d', raw, n * 8 + 1)
        if touched + ttl < nowS then stale[#stale + 1] = fields[i] end
      else
        stale[#stale + 1] = fields[i]
      end
    end
    if #stale > 0 then redis.call('HDEL', hash, unpack(stale)) end
    redis.call('SET', cursorKey, page[1], 'EX', 86400)
  end
  replies[shard] = out
end
return replies
`;
