// What a row format that Lua does not rebuild at every check could save Redis (issue 15's "row
// protocol 5"), measured on a sketch before building it: one identity's row through a request's
// life (its check, then its settlement written behind), looped inside one EVAL on a redis-server of
// its own, in two formats, rounds alternating. Per request: the redis-server's CPU (user + system).
//
//   node bench/redis-row-sketch.mjs
//   BENCH_ROUNDS=8 BENCH_COUNT=20000 node bench/redis-row-sketch.mjs
//
// - protocol 4 (as row-script.ts keeps it): the row is one MessagePack stream, read with GET,
//   decoded into tables (counters, holds, tombstones), the settlement appended since folded in
//   (its hold's takes unpacked), four counters taken, a hold made with its takes packed, the row
//   packed back and written with SET KEEPTTL; the settlement APPENDed.
// - a hash sketch: each counter a field of 16 bytes (count and window end, struct-packed), read
//   with HMGET and written with HSET of the changed fields and the hold as a field of its own; the
//   settlement reads the hold and the three counters it corrects, writes them and deletes the hold.
//
// Both sketches leave out the same things (leases counted over holds, renewals, lapsed holds and
// tombstones, a call sent again, the batch's decoding and replies, the per-address row), so the
// ratio bounds what the format alone can save on an identity's row, not a request's whole cost.
import Redis from 'ioredis';
import { startRedisServer } from '@distill-guard/testing';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const COUNT = Number(process.env.BENCH_COUNT ?? 20000);

const PROTOCOL_4 = `
local key = KEYS[1]
local now = 1765160000000
local pols = { 'requests:1m', 'tokens:1h', 'costUsd:1d', 'outputTokens:1d' }
local wms = { 60000, 3600000, 86400000, 86400000 }
redis.call('SET', key, cmsgpack.pack(now + 1e8, 4, pols[1], 1, now + 6e4, pols[2], 500, now + 3.6e6, pols[3], 900, now + 8.64e7, pols[4], 512, now + 8.64e7, 0, 0), 'PX', 100000000)
local o = {}
for it = 1, tonumber(ARGV[1]) do
  -- check: read, parse (counters, holds, tombstones), fold the appended settlement, take, hold, pack, SET
  local v = { cmsgpack.unpack(redis.call('GET', key)) }
  local cc, ce, h, x = {}, {}, {}, {}
  local q = 3
  for _ = 1, v[2] do cc[v[q]] = v[q + 1]; ce[v[q]] = v[q + 2]; q = q + 3 end
  for _ = 1, v[q] do h[v[q + 1]] = { s = v[q + 2], k = v[q + 3], c = v[q + 4], p = v[q + 5] }; q = q + 5 end
  q = q + 1
  for _ = 1, v[q] do x[v[q + 1]] = v[q + 2]; q = q + 2 end
  q = q + 1
  for j = q, #v - 3, 4 do
    local hold = h[v[j]]
    if hold then h[v[j]] = nil
      local pl = { cmsgpack.unpack(hold.p) }
      for k = 1, #pl, 5 do local c = cc[pl[k]]; if c then cc[pl[k]] = c + (pl[k] == pols[2] and v[j + 1] - pl[k + 1] or 0) end end
    end
  end
  local pl, np = {}, 0
  for i = 1, 4 do local p = pols[i]; cc[p] = cc[p] + 1; pl[np + 1], pl[np + 2], pl[np + 3], pl[np + 4], pl[np + 5] = p, 1, ce[p], i, wms[i]; np = np + 5 end
  local id = 'p1.' .. it
  h[id] = { s = now + 60000, k = now + 900000, c = 'concurrency', p = cmsgpack.pack(unpack(pl, 1, np)) }
  local n, count = 2, 0
  for p, c in pairs(cc) do o[n + 1], o[n + 2], o[n + 3] = p, c, ce[p]; n = n + 3; count = count + 1 end
  o[1], o[2] = now + 1e8, count
  local at, hc = n + 1, 0
  n = n + 1
  for hid, hold in pairs(h) do o[n + 1], o[n + 2], o[n + 3], o[n + 4], o[n + 5] = hid, hold.s, hold.k, hold.c, hold.p; n = n + 5; hc = hc + 1 end
  o[at] = hc
  o[n + 1] = 0
  n = n + 1
  redis.call('SET', key, cmsgpack.pack(unpack(o, 1, n)), 'KEEPTTL')
  -- settlement, written behind: appended
  redis.call('APPEND', key, cmsgpack.pack(id, 40, 120, 20))
end
return #redis.call('GET', key)
`;

const HASH_SKETCH = `
local key = KEYS[1]
local now = 1765160000000
local pols = { 'requests:1m', 'tokens:1h', 'costUsd:1d', 'outputTokens:1d' }
redis.call('DEL', key)
redis.call('HSET', key, pols[1], struct.pack('<dd', 1, now + 6e4), pols[2], struct.pack('<dd', 500, now + 3.6e6), pols[3], struct.pack('<dd', 900, now + 8.64e7), pols[4], struct.pack('<dd', 512, now + 8.64e7))
for it = 1, tonumber(ARGV[1]) do
  -- check: the counters it takes (HMGET), the live leases (a field of its own), take, write the counters and the hold
  local r = redis.call('HMGET', key, pols[1], pols[2], pols[3], pols[4], 'L')
  local c1, e1 = struct.unpack('<dd', r[1])
  local c2, e2 = struct.unpack('<dd', r[2])
  local c3, e3 = struct.unpack('<dd', r[3])
  local c4, e4 = struct.unpack('<dd', r[4])
  local id = 'p1.' .. it
  redis.call('HSET', key, pols[1], struct.pack('<dd', c1 + 1, e1), pols[2], struct.pack('<dd', c2 + 552, e2), pols[3], struct.pack('<dd', c3 + 900, e3), pols[4], struct.pack('<dd', c4 + 512, e4), 'L', struct.pack('<d', now + 60000), id, struct.pack('<dddd', now + 900000, 552, 900, 512))
  -- settlement, written behind: its hold consumed, the differences applied in the same window
  local s = redis.call('HMGET', key, id, pols[2], pols[3], pols[4])
  if s[1] then
    local _, t, cst, out = struct.unpack('<dddd', s[1])
    local a, ea = struct.unpack('<dd', s[2])
    local b, eb = struct.unpack('<dd', s[3])
    local d, ed = struct.unpack('<dd', s[4])
    redis.call('HSET', key, pols[2], struct.pack('<dd', a - t + 40, ea), pols[3], struct.pack('<dd', b - cst + 120, eb), pols[4], struct.pack('<dd', d - out + 20, ed))
    redis.call('HDEL', key, id)
  end
end
return redis.call('HLEN', key)
`;

async function cpuUs(admin) {
  const info = await admin.info('cpu');
  const field = (f) => Number(new RegExp(`^${f}:([\\d.]+)`, 'm').exec(info)[1]);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
}

const server = await startRedisServer();
const client = new Redis(server.url);
try {
  const sketches = [
    { name: 'protocol 4 (string row)', lua: PROTOCOL_4, us: [] },
    { name: 'hash sketch', lua: HASH_SKETCH, us: [] },
  ];
  for (const s of sketches) await client.eval(s.lua, 1, '{u1}row', 1000); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of round % 2 === 0 ? sketches : [...sketches].reverse()) {
      await client.flushall();
      const from = await cpuUs(client);
      await client.eval(s.lua, 1, '{u1}row', COUNT);
      s.us.push(((await cpuUs(client)) - from) / COUNT);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`one identity row, check + settlement, ${COUNT} requests in one EVAL, ${ROUNDS} rounds alternating; redis-server CPU µs per request`);
  for (const s of sketches) console.log(`${s.name.padEnd(24)} median ${median(s.us).toFixed(2).padStart(6)}   rounds ${s.us.map((x) => x.toFixed(2)).join(' ')}`);
  const ratios = sketches[1].us.map((x, k) => x / sketches[0].us[k]);
  console.log(`hash sketch / protocol 4 per round: ${ratios.map((x) => x.toFixed(3)).join(' ')}   median ${median(ratios).toFixed(3)}`);
} finally {
  client.disconnect();
  await server.stop();
}
