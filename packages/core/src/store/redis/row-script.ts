/**
 * The request path's one Redis call: a Lua script over the "rows" of one Cluster slot (an
 * identity's row, and on a standalone server its address's and the global row too).
 *
 * A row is one string key holding a MessagePack map:
 * - `c`: fixed-window counters, `{ [policy]: { count, windowEndMs } }`;
 * - `h`: holds, what each request in flight took, `{ [requestId]: { s: slotUntilMs, k: keepUntilMs, p: { [policy]: { points, windowEndMs, kind, windowMs } } } }`.
 *   A hold with `s` in the future is a concurrency lease; it lapses by itself (see `leaseMs`);
 * - `x`: tombstones of requests settled before their check landed, `{ [requestId]: untilMs }`;
 * - `d`: a packed vector of doubles (the detector's state of the account), changed by ops, and
 *   `de`, when it lapses (an account idle that long starts again from zero).
 *
 * One call, in order: read the flag and every row (one MGET); apply the settlements carried with
 * the call (idempotent: a settlement consumes its hold, or leaves a tombstone when the check it
 * settles has not landed); renew leases; drop what lapsed; apply carried vector ops and snapshot
 * the vector; reserve every limit all or nothing, lowering `max_tokens` to what the budgets still
 * cover; apply this request's vector ops; write every row back (one SET each, with a TTL as long
 * as its longest window, hold or tombstone).
 *
 * A call that lands after its deadline (`dl`, in Redis time) changes nothing: the client has
 * given up on it and decided without it. Every number is computed in Redis time (`TIME`), so
 * instances with skewed clocks share windows.
 *
 * The protocol is versioned: the command name and the row keys carry {@link ROW_PROTOCOL}. A
 * change of format is a new version, whose rows are new keys, so two versions of an app in a
 * rolling deploy never read each other's rows.
 */
export const ROW_PROTOCOL = 1;

/** Limit kinds as the script knows them. */
export const KIND_CODE = { requests: 1, tokens: 2, costUsd: 3, outputTokens: 4, concurrency: 5 } as const;

/** Vector op codes (shared with {@link applyVectorOps}): add, set, set a bit, max, roll a period. */
export const VECTOR_OP = { add: 1, set: 2, setBit: 3, max: 4, roll: 5 } as const;

/** Shared by the row and vector scripts: packed doubles and their ops. */
export const VECTOR_LUA = `
-- A vector is a packed string of doubles, unpacked whole (one C call) to apply ops and packed
-- back once: faster in Redis's Lua than patching a few fields in place, or MessagePack.
local function unpackVector(raw, n)
  local v
  if raw and #raw == n * 8 then
    v = { struct.unpack('<' .. string.rep('d', n), raw) }
    v[n + 1] = nil
  else
    v = {}
    for i = 1, n do v[i] = 0 end
  end
  return v
end

local function packVector(v, n)
  return struct.pack('<' .. string.rep('d', n), unpack(v, 1, n))
end

local function applyOps(v, ops, n)
  for i = 1, #ops - 2, 3 do
    local code, at, x = ops[i], ops[i + 1] + 1, ops[i + 2]
    if at >= 1 and at <= n then
      if code == 1 then v[at] = v[at] + x
      elseif code == 2 then v[at] = x
      elseif code == 3 then v[at] = bit.bor(v[at], bit.lshift(1, x))
      elseif code == 4 then if x > v[at] then v[at] = x end
      elseif code == 5 then
        if v[at] ~= x then
          v[at] = x
          if at + 1 <= n then v[at + 1] = 0 end
        end
      end
    end
  end
end

local function hasOps(ops)
  return type(ops) == 'table' and #ops > 0
end
`;

export const ROW_LUA = `
local spec = cmsgpack.unpack(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if (spec.dl or 0) > 0 and now > spec.dl then return { now, 'late' } end
${VECTOR_LUA}
local REQUESTS, TOKENS, COST, OUTPUT, CONCURRENCY = 1, 2, 3, 4, 5
local rows = spec.rows

-- One read for the flag and every row.
local keys = {}
for r = 1, #rows do keys[r] = KEYS[rows[r].k] end
if spec.flag then keys[#rows + 1] = KEYS[spec.flag] end
local raws = #keys > 0 and redis.call('MGET', unpack(keys)) or {}
local flag = spec.flag and raws[#rows + 1] or false

local states = {}
for r = 1, #rows do
  local st = {}
  if raws[r] then
    local ok, decoded = pcall(cmsgpack.unpack, raws[r])
    if ok and type(decoded) == 'table' then st = decoded end
  end
  if type(st.c) ~= 'table' then st.c = {} end
  if type(st.h) ~= 'table' then st.h = {} end
  if type(st.x) ~= 'table' then st.x = {} end
  states[r] = st
end

-- Settlements: real usage replaces what a request held; without usage (a cancel) it is all handed back.
local function settle(st, s)
  local id = s[1]
  local hold = st.h[id]
  if not hold then
    st.x[id] = now + (spec.keep or 900000)
    return
  end
  st.h[id] = nil
  local cancel = s[2] == nil
  for policy, p in pairs(hold.p) do
    local kind = p[3]
    if kind ~= CONCURRENCY then
      local used
      if cancel then used = 0
      elseif kind == REQUESTS then used = p[1]
      elseif kind == TOKENS then used = s[2]
      elseif kind == COST then used = s[3]
      else used = s[4] end
      local delta = used - p[1]
      local c = st.c[policy]
      if delta < 0 then
        -- A refund after the window ended would mint quota.
        if c and c[2] == p[2] and now < c[2] then c[1] = math.max(0, c[1] + delta) end
      elseif delta > 0 then
        if c and now < c[2] then c[1] = c[1] + delta else st.c[policy] = { delta, now + p[4] } end
      end
    end
  end
end

for r = 1, #rows do
  local row, st = rows[r], states[r]
  if row.s then for _, s in ipairs(row.s) do settle(st, s) end end
  if row.rn then
    for _, id in ipairs(row.rn) do
      local hold = st.h[id]
      if hold and hold.s > now then hold.s = now + spec.lease end
    end
  end
  for id, hold in pairs(st.h) do if hold.k <= now then st.h[id] = nil end end
  for id, untilMs in pairs(st.x) do if untilMs <= now then st.x[id] = nil end end
  for policy, c in pairs(st.c) do if c[2] <= now then st.c[policy] = nil end end
  -- A vector idle for its whole TTL starts again from zero, as an idle account does in memory.
  if row.clear or (st.de and st.de <= now) then st.d = nil; st.de = nil end
end

-- The vector: carried ops first, then a snapshot, which is what this request read.
local snapshots = {}
for r = 1, #rows do
  local row, st = rows[r], states[r]
  if row.dn then
    local d = st.d
    if d and #d ~= row.dn * 8 then d = nil end
    if hasOps(row.dc) or hasOps(row.d) then
      row.v = unpackVector(d, row.dn)
      if hasOps(row.dc) then
        applyOps(row.v, row.dc, row.dn)
        if row.ret then d = packVector(row.v, row.dn) end
      end
    end
    if row.ret then snapshots[#snapshots + 1] = d or '' end
  end
end

-- Reservation, all or nothing.
local status, grant = 'none', spec.mt or 0
local function points(kind, g)
  if kind == TOKENS then return math.max(0, math.ceil(spec.it + g))
  elseif kind == COST then return math.max(0, math.ceil((spec.ic + g * spec.ou) * 1000000))
  elseif kind == OUTPUT then return math.max(0, math.ceil(g))
  else return 1 end
end
local function affordable(kind, limit, before)
  local available = limit - math.max(0, before)
  local tokens
  if kind == OUTPUT then tokens = available
  elseif kind == TOKENS then tokens = available - math.ceil(spec.it)
  elseif kind == COST then
    if spec.ou > 0 then tokens = (available - math.ceil(spec.ic * 1000000)) / (spec.ou * 1000000) else tokens = 0 end
  else return nil end
  tokens = math.floor(tokens)
  if tokens >= spec.min and tokens < spec.mt then return tokens end
  return nil
end

local results = {}
if spec.id then
  status = 'ok'
  for r = 1, #rows do if states[r].x[spec.id] then status = 'cancelled' end end
  if status == 'ok' then
    for r = 1, #rows do
      local st = states[r]
      for _, tk in ipairs(rows[r].take or {}) do
        local policy, kind, limit = tk[1], tk[2], tk[3]
        local before = 0
        if kind == CONCURRENCY then
          for _, hold in pairs(st.h) do if hold.s > now and hold.p[policy] then before = before + 1 end end
        else
          local c = st.c[policy]
          if c then before = c[1] end
        end
        tk.before = before
        if before + points(kind, spec.mt) > limit then
          local partial = affordable(kind, limit, before)
          if partial then
            if partial < grant then grant = partial end
          else
            tk.refused = true
            status = 'refused'
          end
        end
      end
    end
  end
  for r = 1, status == 'cancelled' and 0 or #rows do
    local st = states[r]
    local hold = { s = 0, k = now + spec.keep, p = {} }
    local held = false
    for _, tk in ipairs(rows[r].take or {}) do
      local policy, kind, windowMs = tk[1], tk[2], tk[4]
      local pts = points(kind, grant)
      local consumed, windowEnd = tk.before or 0, 0
      if kind == CONCURRENCY then
        if status == 'ok' then
          consumed = consumed + 1
          hold.s = now + spec.lease
          hold.p[policy] = { 1, 0, kind, 0 }
          held = true
        elseif tk.refused then consumed = consumed + 1 end
      else
        local c = st.c[policy]
        if status == 'ok' then
          if c then c[1] = c[1] + pts else c = { pts, now + windowMs }; st.c[policy] = c end
          hold.p[policy] = { pts, c[2], kind, windowMs }
          held = true
          consumed, windowEnd = c[1], c[2]
        else
          if tk.refused then consumed = consumed + pts end
          windowEnd = c and c[2] or now + windowMs
        end
      end
      results[#results + 1] = consumed
      results[#results + 1] = windowEnd
      results[#results + 1] = tk.refused and 1 or 0
    end
    if held then st.h[spec.id] = hold end
  end
end

-- This request's vector ops, then every row written back.
for r = 1, #rows do
  local row, st = rows[r], states[r]
  -- A read (no ops) leaves the vector and its lapse as they were; a reset alone leaves none.
  if row.v then
    if hasOps(row.d) then applyOps(row.v, row.d, row.dn) end
    st.d = packVector(row.v, row.dn)
    st.de = now + (row.ttl or 0)
  end
  local untilMs = st.de or now
  for _, c in pairs(st.c) do if c[2] > untilMs then untilMs = c[2] end end
  for _, hold in pairs(st.h) do if hold.k > untilMs then untilMs = hold.k end end
  for _, u in pairs(st.x) do if u > untilMs then untilMs = u end end
  local empty = next(st.c) == nil and next(st.h) == nil and next(st.x) == nil and st.d == nil
  if not empty and untilMs > now then
    redis.call('SET', KEYS[row.k], cmsgpack.pack(st), 'PX', untilMs - now)
  elseif raws[r] then
    redis.call('DEL', KEYS[row.k])
  end
end

local out = { now, status, flag, grant }
for _, x in ipairs(results) do out[#out + 1] = x end
for _, s in ipairs(snapshots) do out[#out + 1] = s end
return out
`;
