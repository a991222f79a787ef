import { DOUBLES_LUA } from './lua-doubles.js';
import { UNPACK_ALL_LUA } from './lua-stream.js';

/**
 * The request path's one Redis call: a Lua script over the "rows" of one Cluster slot (an
 * identity's row, and on a standalone server its address's and the global row too), and the
 * detector's vectors kept beside them.
 *
 * Redis's Lua pays for every value it decodes and every byte it allocates, so both the argument
 * and the rows are flat MessagePack streams (a sequence of values, no nested maps), decoded in one
 * `cmsgpack.unpack` and written in one `cmsgpack.pack`, and the detector's vector never passes
 * through Lua on the request path (see below).
 *
 * A row is one string key, the MessagePack stream
 * `expiresAtMs, nc, (policy, count, windowEndMs) × nc, nh, (id, slotUntilMs, keepUntilMs, slotPolicies, takes) × nh, nx, (id, untilMs) × nx, (id, tokens, costMicros, outputTokens) × ns`:
 * - when the key expires (Redis time): a write that does not need it later leaves the key's
 *   expiry as it is (SET KEEPTTL, half the cost to Redis of setting it again); one that does sets
 *   it a quarter further than it needs (protocol 4);
 * - fixed-window counters;
 * - holds, what each request in flight took. A hold with a slot in the future is a concurrency
 *   lease for its `slotPolicies` (a policy's name, or several joined by NUL); it lapses by itself
 *   (see `leaseMs`). Its other takes are one string, a MessagePack stream
 *   `(policy, points, windowEndMs, kind, windowMs) × n` that only a settlement unpacks: a check
 *   reads and writes a row's holds without decoding them (protocol 3; protocol 2 kept each take's
 *   five values in the row, so Lua copied them at every read and write of the row);
 * - tombstones of requests settled before their check landed;
 * - settlements with real usage appended to the row (APPEND, which keeps the row's expiry) by a
 *   call that did not read it, folded in, in order, by the row's next read (protocol 4; protocol 3
 *   kept them in a pending key beside the row, which cost a PTTL, a PEXPIRE, a key more in the
 *   read and a DEL per settlement).
 *
 * A vector (the detector's state of an account: doubles, changed by ops) is a key of its own on
 * the row's slot: a 12-byte header (generation, the time its expiry was last set in seconds, the
 * size of the base, three little-endian uint32), the base (packed little-endian doubles, or
 * nothing: zeros) and a log of ops (11 bytes each: code uint8, index uint16, value double, see
 * `vector-ops.ts`). The script only APPENDs ops to it, and answers it as it was before them when
 * asked: the client applies the log itself. A client that read a long log, or one whose expiry is
 * getting old, sends a compaction with a later call: the base it computed for the first `len`
 * bytes of the log under the header it read; the script swaps it in only if the header is still
 * the same (no other compaction came between), and sets the expiry again.
 *
 * One script run: read the flags and every row of its calls (one MGET); then each call in turn:
 * apply the settlements it carries (idempotent: a settlement consumes its hold, or leaves a
 * tombstone when the check it settles has not landed); renew leases; drop what lapsed; reserve
 * every limit all or nothing, lowering `max_tokens` to what the budgets still cover; its vectors'
 * compaction and ops. Last, write back each row that changed (one SET each, the key expiring
 * after its longest window, hold or tombstone, see the row's `expiresAtMs`).
 *
 * A call that lands after its deadline (`dl`, in Redis time) changes nothing: the client has
 * given up on it and decided without it. Every number is computed in Redis time (`TIME`), so
 * instances with skewed clocks share windows.
 *
 * A reservation runs once per request id: a call whose id already holds in its home row (its
 * first row with takes) is one the script ran before, sent again because its reply was lost
 * (ioredis resends what a dropped connection left unanswered, `autoResendUnfulfilledCommands`,
 * on by default, and the app owns the client). It is answered as it came out (ok, its grant, the
 * counts as they are now) and takes nothing again; its vectors' writes are skipped too (an op
 * appended twice counts twice); its settlements and renewals are idempotent already. A partial
 * grant is remembered in the home's hold as a take of kind DELEGATED naming no row, which every
 * settlement of this protocol skips (earlier scripts' included): rows keep their format, so
 * neither {@link ROW_PROTOCOL} nor {@link ROW_SCRIPT_VERSION} changes.
 *
 * The protocol is versioned: the keys carry {@link ROW_PROTOCOL}, the command name {@link ROW_SCRIPT_VERSION}. A change
 * of the rows' or vectors' format is a new version, whose rows are new keys, so two versions of
 * an app in a rolling deploy never read each other's rows. How a call is laid out (its ARGV and
 * reply) is not stored: each app version runs its own script, by its own SHA, on the same rows.
 */
export const ROW_PROTOCOL = 4;

/**
 * The version of the script's calling convention (its ARGV and reply; 3: several calls batched
 * in one run; 4: the batch's keys and calls packed in one argument; 5: each call's numbers packed
 * in one string of its reply; 6: the batch's limit specs sent once, the calls' takes naming them;
 * 7: the calls' values inline in the batch's stream, not nested streams; 8: a vector's ops and
 * compacted base each an argument of its own, not bytes in the batch's stream).
 * It names the command; the
 * rows it reads and writes are {@link ROW_PROTOCOL}'s, which every script version with that
 * protocol shares.
 */
export const ROW_SCRIPT_VERSION = 8;

/** A call's outcome in its reply's numbers (see {@link ROW_LUA}). */
export const ROW_STATUS = ['none', 'ok', 'refused', 'cancelled', 'late'] as const;

/** Limit kinds as the script knows them. */
export const KIND_CODE = { requests: 1, tokens: 2, costUsd: 3, outputTokens: 4, concurrency: 5 } as const;

/** Vector op codes (shared with {@link applyVectorOps}): add, set, set a bit, max, roll a period. */
export const VECTOR_OP = { add: 1, set: 2, setBit: 3, max: 4, roll: 5 } as const;

/** Bytes of a vector key's header: generation, expiry set at (seconds), base size (uint32 LE each). */
export const VECTOR_HEADER_BYTES = 12;

/** A vector key past this size without a compaction is dropped (its account starts again from zero). */
export const VECTOR_LOG_CAP_BYTES = 256 * 1024;

/**
 * One call may carry several (the row calls of one event-loop turn, batched by `row-batch.ts`),
 * all in ARGV[1], a flat MessagePack stream:
 * `nkeys, key × nkeys, nspecs, (policy, kind, limit, windowMs) × nspecs, (base, call) × calls`,
 * where a call's values follow its `base` in place (convention 7; 6 sent each as a nested stream), `base` is the number of keys before the call's own, and the specs are the limits the
 * batch's calls take (each once: every request of a configuration takes the same few). KEYS holds the first key only: it routes the
 * call, and every key of a batch is on its slot (see `packBatch`).
 *
 * A call's values, in MessagePack:
 * `dl, id, lease, keep, flag, mt, min, it, ic, ou, nrows`, then per row
 * `k, nt, spec × nt, ns, (id, tokens, costMicros, outputTokens) × ns, nr, id × nr, vk`
 * and, when `vk` (the vector key's index among the call's keys) is not 0, `clear, px, ret, ops, cmpHeader, cmpLen, cmpBase`.
 * `ops` and `cmpBase` are the places in ARGV (from 2; 0 for none) of the ops to append and of the
 * compaction's new base: bytes go as arguments of their own (convention 8; 7 sent them as
 * strings in the stream). Redis's Lua hashes every byte of every string it makes (about 12
 * instructions a byte): ARGV's strings are made once, and a string decoded out of ARGV[1] was
 * made a second time, so the ops (a few hundred bytes a call) and a base (a few KB) were hashed twice.
 * `spec` is a take's place among the batch's specs (from 1), `id` is '' without a reservation,
 * `flag` the flag key's index or 0, a settlement's `tokens` -1 for a cancel (everything handed back).
 *
 * The calls run in order on the same rows (each row read once and written back once): a call
 * sees what the calls before it in the batch did, as if each had been a script call of its own.
 * Answers one reply per call: `{ numbers, flag, vector per ret }`, where `numbers` packs little-endian
 * doubles `now, status, grant, (consumed, windowEnd, refused) per take` (status: {@link ROW_STATUS})
 * and `flag` is the flag entry or nil.
 */
export const ROW_LUA = `
${UNPACK_ALL_LUA}
local REQUESTS, TOKENS, COST, OUTPUT, CONCURRENCY, DELEGATED = 1, 2, 3, 4, 5, 11
local STATUS = { none = 0, ok = 1, refused = 2, cancelled = 3, late = 4 }
-- Library functions as locals: \`math.max\` is two table lookups at every use, a local none.
local max, ceil, floor, huge = math.max, math.ceil, math.floor, math.huge
-- The struct format of n little-endian doubles, built once per size.
${DOUBLES_LUA}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + floor(tonumber(t[2]) / 1000)

-- The batch, one flat stream decoded into one table B (its first entry is where decoding stopped:
-- a batch of more values than Lua returns at once is decoded in pieces). B holds its keys, its
-- limit specs, then its calls inline (each call's values in place: a nested stream per call cost a
-- decode and a table each). Below, a value is named by its index into B (key k of the batch is
-- B[k + 2]); the limit specs are copied out by place: policy SP, kind SK, limit SL, window SW.
local B = { cmsgpack.unpack_limit(ARGV[1], 7000, 0) }
local offset = B[1]
while offset >= 0 do
  local r, n = { cmsgpack.unpack_limit(ARGV[1], 4000, offset) }, #B
  for i = 2, #r do B[n + i - 1] = r[i] end
  offset = r[1]
end
local nk = B[2]
local nspecs = B[nk + 3]
local SP, SK, SL, SW = {}, {}, {}, {}
for i = 1, nspecs do
  local q = nk + 4 * i
  SP[i], SK[i], SL[i], SW[i] = B[q], B[q + 1], B[q + 2], B[q + 3]
end
-- The calls and their rows, in flat arrays (a table per call and per row cost Redis more than the
-- rest of the decoding). Per call, by its number: where its values start CO (its value k is
-- B[CO + k]: 1 dl, 2 id, 3 lease, 4 keep, 5 flag, 6 mt, 7 min, 8 it, 9 ic, 10 ou, 11 nrows), its
-- first row's number CR, its flag key's index in B CF (0 none), whether it came late CL. Per row,
-- by its number in the batch: its key's index in B RK, where its takes (RT, RNT), settlements
-- (RS, RNS) and renewals (RR, RNR) sit in B, its vector key's index in B RV (0 none) and where the
-- vector's fields sit (RP: clear, px, ret, ops, cmpHeader, cmpLen, cmpBase), and whether the run
-- reads it (RREAD).
local CO, CR, CF, CL = {}, {}, {}, {}
local RK, RT, RNT, RS, RNS, RR, RNR, RV, RP, RREAD = {}, {}, {}, {}, {}, {}, {}, {}, {}, {}
local ncalls, nrowsAll = 0, 0
local j, nB = nk + 4 + 4 * nspecs, #B
while j < nB do
  -- A call: the number of keys before its own, then its values.
  local kb, o = B[j] + 2, j
  ncalls = ncalls + 1
  -- A call that lands after its deadline (in Redis time) changes nothing: its client gave up on it.
  CO[ncalls], CR[ncalls], CF[ncalls], CL[ncalls] = o, nrowsAll + 1, B[o + 5] > 0 and kb + B[o + 5] or 0, B[o + 1] > 0 and now > B[o + 1]
  local p = o + 12
  for _ = 1, B[o + 11] do
    local tk, nt = p + 2, B[p + 1]
    local sk, ns = tk + nt + 1, B[tk + nt]
    local rk, nr = sk + 4 * ns + 1, B[sk + 4 * ns]
    local vk = B[rk + nr]
    local g = nrowsAll + 1
    nrowsAll = g
    RK[g], RT[g], RNT[g], RS[g], RNS[g], RR[g], RNR[g], RREAD[g] = kb + B[p], tk, nt, sk, ns, rk, nr, false
    if vk > 0 then
      RV[g], RP[g] = kb + vk, rk + nr + 1
      p = rk + nr + 8
    else
      RV[g], RP[g] = 0, 0
      p = rk + nr + 1
    end
  end
  j = p
end

-- How long a hold is kept for its settlement (every call carries the same).
local HOLD_KEEP = ncalls > 0 and B[CO[1] + 4] or 0

-- Which rows are read: those a call takes on or renews in, and every row of a call with a cancel
-- (its delegated counts go back to the call's other rows). A row whose only news in this run is
-- real usage is not read: its settlements are appended to the row, and the row's next read
-- folds them in. A row with nothing but a vector is not read either.
local names, keys, FA = {}, {}, {}
local function readRow(g)
  RREAD[g] = true
  local name = B[RK[g]]
  if not names[name] then
    keys[#keys + 1] = name
    names[name] = #keys
  end
end
for ci = 1, ncalls do
  if not CL[ci] then
    local g0, g1 = CR[ci], CR[ci] + B[CO[ci] + 11] - 1
    local all = false
    for g = g0, g1 do
      for i = RS[g] + 1, RS[g] + 4 * RNS[g] - 1, 4 do if B[i] < 0 then all = true end end
    end
    for g = g0, g1 do
      if all or RNT[g] > 0 or RNR[g] > 0 then readRow(g) end
    end
  end
end
-- A row read anyway takes its settlements in order with the run's other calls.
for ci = 1, ncalls do
  if not CL[ci] then
    for g = CR[ci], CR[ci] + B[CO[ci] + 11] - 1 do
      if not RREAD[g] and RNS[g] > 0 and names[B[RK[g]]] then readRow(g) end
    end
  end
end
local nkeys = #keys
-- The flags after the rows.
for ci = 1, ncalls do
  if not CL[ci] and CF[ci] > 0 then
    keys[#keys + 1] = B[CF[ci]]
    FA[ci] = #keys
  end
end
local raws = #keys > 0 and redis.call('MGET', unpack(keys)) or {}

-- A row's state: counters (cc, ce: count and window end by policy), holds by request id (h),
-- tombstones (x), and \`next\`, the earliest time something in it lapses (nothing does before).
local function parse(st, raw)
  local v = unpackAll(raw)
  st.exp = v[1]
  local q = 3
  local nextAt = huge
  local cc, ce, h, x = st.cc, st.ce, st.h, st.x
  for _ = 1, v[2] do
    cc[v[q]] = v[q + 1]
    ce[v[q]] = v[q + 2]
    if v[q + 2] < nextAt then nextAt = v[q + 2] end
    q = q + 3
  end
  local nh = v[q]
  q = q + 1
  for _ = 1, nh do
    -- The hold's takes stay packed: only a settlement unpacks them.
    h[v[q]] = { s = v[q + 1], k = v[q + 2], c = v[q + 3], p = v[q + 4] }
    if v[q + 2] < nextAt then nextAt = v[q + 2] end
    q = q + 5
  end
  local nx = v[q]
  q = q + 1
  for _ = 1, nx do
    x[v[q]] = v[q + 1]
    if v[q + 1] < nextAt then nextAt = v[q + 1] end
    q = q + 2
  end
  st.next = nextAt
  -- Settlements appended since the row was last written: folded in once \`settle\` is defined.
  if q <= #v then st.appended, st.at = v, q end
end

-- A hold's takes, packed (settlements unpack them); '' for none.
local function packTakes(pl, np)
  if np == 0 then return '' end
  return cmsgpack.pack(unpack(pl, 1, np))
end

-- Whether a hold's slot counts for concurrency policy \`policy\`: its slot's policies are one name,
-- or several joined by NUL.
local function holdsSlot(c, policy)
  if c == policy then return true end
  if c == '' or not string.find(c, '\\0', 1, true) then return false end
  return string.find('\\0' .. c .. '\\0', '\\0' .. policy .. '\\0', 1, true) ~= nil
end

-- Every row's state, by key: calls of one batch that share a row see each other's changes.
local byKey = {}
for i = 1, nkeys do
  local st = { cc = {}, ce = {}, h = {}, x = {}, dirty = false, raw = raws[i], next = huge, appended = false, at = 0, exp = 0 }
  if raws[i] and not pcall(parse, st, raws[i]) then
    st = { cc = {}, ce = {}, h = {}, x = {}, dirty = true, raw = raws[i], next = huge, appended = false, at = 0, exp = 0 }
  end
  byKey[keys[i]] = st
end

-- Settlements: real usage replaces what a request held; without usage (a cancel) it is all handed back.
local function settle(st, sid, tok, cost, out, keep)
  st.dirty = true
  local hold = st.h[sid]
  if not hold then
    st.x[sid] = now + keep
    return
  end
  st.h[sid] = nil
  if hold.p == '' then return end
  local cancel = tok < 0
  local pl = { cmsgpack.unpack(hold.p) }
  for j = 1, #pl, 5 do
    local policy, pts, kind = pl[j], pl[j + 1], pl[j + 3]
    if kind == DELEGATED then
      -- A request count taken in another row: only a cancel hands it back, in that row if this
      -- call (or another call of the batch) carries it.
      if cancel then
        local at = string.find(policy, '\\0', 1, true)
        local other = at and byKey[string.sub(policy, 1, at - 1)]
        if other then
          local name = string.sub(policy, at + 1)
          local c, e = other.cc[name], other.ce[name]
          if c and e == pl[j + 2] and now < e then
            other.cc[name] = max(0, c - pts)
            other.dirty = true
          end
        end
      end
    else
      local used
      if cancel then used = 0
      elseif kind == REQUESTS then used = pts
      elseif kind == TOKENS then used = tok
      elseif kind == COST then used = cost
      else used = out end
      local delta = used - pts
      local c, e = st.cc[policy], st.ce[policy]
      if delta < 0 then
        -- A refund after the window ended would mint quota.
        if c and e == pl[j + 2] and now < e then st.cc[policy] = max(0, c + delta) end
      elseif delta > 0 then
        if c and now < e then st.cc[policy] = c + delta else st.cc[policy] = delta; st.ce[policy] = now + pl[j + 4] end
      end
    end
  end
end

-- The settlements appended to the rows read since their last write, folded in first (in the
-- order they came); the row is written back without them.
for i = 1, nkeys do
  local st = byKey[keys[i]]
  local v = st.appended
  if v then
    for j = st.at, #v - 3, 4 do settle(st, v[j], v[j + 1], v[j + 2], v[j + 3], HOLD_KEEP) end
    st.appended = false
    st.dirty = true
  end
end

-- A take's points at grant g, and what a budget still affords (a partial grant), for the call
-- whose values start at o.
local function points(o, kind, g)
  if kind == TOKENS then return max(0, ceil(B[o + 8] + g))
  elseif kind == COST then return max(0, ceil((B[o + 9] + g * B[o + 10]) * 1000000))
  elseif kind == OUTPUT then return max(0, ceil(g))
  else return 1 end
end
local function affordable(o, kind, limit, before)
  local available = limit - max(0, before)
  local tokens
  if kind == OUTPUT then tokens = available
  elseif kind == TOKENS then tokens = available - ceil(B[o + 8])
  elseif kind == COST then
    local ic, ou = B[o + 9], B[o + 10]
    if ou > 0 then tokens = (available - ceil(ic * 1000000)) / (ou * 1000000) else tokens = 0 end
  else return nil end
  tokens = floor(tokens)
  if tokens >= B[o + 7] and tokens < B[o + 6] then return tokens end
  return nil
end

-- Scratch tables of the calls, made once per run (every table a call made was garbage for Lua to
-- collect; each is written before it is read, and only its first entries are used): the rows'
-- states of a call, per take the count before it and whether it refused, the reply's numbers,
-- the takes of the home's hold and of another row's.
local states, befores, refused, outs, homeTakes, rowTakes = {}, {}, {}, {}, {}, {}

-- A call sent again (its first run's reply lost): answered as its first run came out, from what
-- its hold and rows keep: ok, the grant (a partial one is remembered in the home's hold), per
-- take the count now (this request's take in it once) and its window's end.
local function again(o, g0, nrows, hold)
  local grant = B[o + 6]
  if hold.p ~= '' then
    local pl = { cmsgpack.unpack(hold.p) }
    for j = 1, #pl, 5 do if pl[j + 3] == DELEGATED and pl[j] == '' then grant = pl[j + 1] end end
  end
  local out, no = outs, 3
  out[1], out[2], out[3] = now, STATUS.ok, grant
  for r = 1, nrows do
    local g, st = g0 + r, states[r]
    for i = RT[g], RT[g] + RNT[g] - 1 do
      local s = B[i]
      local policy, consumed, windowEnd = SP[s], 0, 0
      if SK[s] == CONCURRENCY then
        for _, h in pairs(st.h) do if h.s > now and holdsSlot(h.c, policy) then consumed = consumed + 1 end end
      else
        consumed, windowEnd = st.cc[policy] or 0, st.ce[policy] or now + SW[s]
      end
      out[no + 1], out[no + 2], out[no + 3] = consumed, windowEnd, 0
      no = no + 3
    end
  end
  return out, no, grant
end

-- One call: its settlements, renewals, what lapsed, then its reservation, all or nothing,
-- lowering max_tokens to what the budgets still cover; then its vectors. Answers its reply.
-- How many of the running call's rows have had their vectors written (see the calls' loop below).
local vdone = 0
-- Whether the running call is one sent again (see \`again\`).
local dup = false
local function run(ci)
  vdone = 0
  dup = false
  local o, g0 = CO[ci], CR[ci] - 1
  local id, lease, keep, mt, nrows = B[o + 2], B[o + 3], B[o + 4], B[o + 6], B[o + 11]
  for r = 1, nrows do states[r] = byKey[B[RK[g0 + r]]] end
  for r = 1, nrows do
    local g, st = g0 + r, states[r]
    if not RREAD[g] then
      -- Real usage for a row this run does not read: appended to the row, which keeps its expiry
      -- (as long as the holds it settles, at least). A row that was not there (lapsed, or a
      -- settlement before its check) becomes one with nothing but the settlements, kept for a
      -- hold's keep: its next read leaves their tombstones.
      if RNS[g] > 0 then
        local key = B[RK[g]]
        local chunk = cmsgpack.pack(unpack(B, RS[g], RS[g] + 4 * RNS[g] - 1))
        if redis.call('APPEND', key, chunk) == #chunk then redis.call('SET', key, cmsgpack.pack(now + keep, 0, 0, 0) .. chunk, 'PX', keep) end
      end
    else
      for i = RS[g], RS[g] + 4 * RNS[g] - 1, 4 do settle(st, B[i], B[i + 1], B[i + 2], B[i + 3], keep) end
      for i = RR[g], RR[g] + RNR[g] - 1 do
        local hold = st.h[B[i]]
        if hold and hold.s > now then hold.s = now + lease; st.dirty = true end
      end
      -- What lapsed (only when something in the row can have: what this run adds lapses after now).
      if st.next <= now then
        for hid, hold in pairs(st.h) do if hold.k <= now then st.h[hid] = nil; st.dirty = true end end
        for xid, untilMs in pairs(st.x) do if untilMs <= now then st.x[xid] = nil; st.dirty = true end end
        for policy, e in pairs(st.ce) do if e <= now then st.cc[policy] = nil; st.ce[policy] = nil; st.dirty = true end end
        st.next = huge
      end
    end
  end

  local status, grant = 'none', mt
  local out, no
  if id ~= '' then
    status = 'ok'
    for r = 1, nrows do if states[r] and states[r].x[id] then status = 'cancelled' end end
    -- A reservation whose id already holds in its home row ran before: its reply was lost and
    -- the client sent the call again (ioredis resends a command unanswered when its connection
    -- dropped). It is answered as it came out, and takes nothing again.
    if status == 'ok' then
      local home
      for r = 1, nrows do if not home and RNT[g0 + r] > 0 then home = r end end
      if home and states[home].h[id] then
        dup = true
        out, no, grant = again(o, g0, nrows, states[home].h[id])
      end
    end
  end
  if id ~= '' and not dup then
    -- Per take, in order: the count before it, whether it refused.
    local t = 0
    if status == 'ok' then
      -- Each kind's points at the request's own max_tokens, once per call.
      local pTokens, pCost, pOutput = points(o, TOKENS, mt), points(o, COST, mt), points(o, OUTPUT, mt)
      for r = 1, nrows do
        local g, st = g0 + r, states[r]
        for i = RT[g], RT[g] + RNT[g] - 1 do
          t = t + 1
          local s = B[i]
          local policy, kind, limit = SP[s], SK[s], SL[s]
          local before = 0
          if kind == CONCURRENCY then
            for _, hold in pairs(st.h) do
              if hold.s > now and holdsSlot(hold.c, policy) then before = before + 1 end
            end
          else
            before = st.cc[policy] or 0
          end
          befores[t] = before
          refused[t] = false
          if before + (kind == TOKENS and pTokens or kind == COST and pCost or kind == OUTPUT and pOutput or 1) > limit then
            local partial = affordable(o, kind, limit, before)
            if partial then
              if partial < grant then grant = partial end
            else
              refused[t] = true
              status = 'refused'
            end
          end
        end
      end
    end
    -- The request's hold lives in its first row with takes (the home); a later row whose takes
    -- are all request counts keeps none: the home's hold remembers them, for a cancel.
    local home, hpl, hnp, hslot, hconc = nil, nil, 0, 0, ''
    out, no, t = outs, 3, 0
    out[1], out[2], out[3] = now, STATUS[status], grant
    -- Each kind's points at the grant, once per call.
    local pTokens, pCost, pOutput = points(o, TOKENS, grant), points(o, COST, grant), points(o, OUTPUT, grant)
    for r = 1, status == 'cancelled' and 0 or nrows do
      local g, st = g0 + r, states[r]
      local pl, np = nil, 0
      local delegated = false
      if RNT[g] > 0 then
        if status == 'ok' then pl = home == nil and homeTakes or rowTakes end
        if home == nil then
          home = r
        else
          delegated = true
          for i = RT[g], RT[g] + RNT[g] - 1 do if SK[B[i]] ~= REQUESTS then delegated = false end end
        end
      end
      local slot, conc = 0, ''
      local cs, ces = st and st.cc, st and st.ce
      if status == 'ok' and RNT[g] > 0 then st.dirty = true end
      for i = RT[g], RT[g] + RNT[g] - 1 do
        t = t + 1
        local s = B[i]
        local policy, kind, windowMs = SP[s], SK[s], SW[s]
        local pts = kind == TOKENS and pTokens or kind == COST and pCost or kind == OUTPUT and pOutput or 1
        local consumed, windowEnd = befores[t] or 0, 0
        if kind == CONCURRENCY then
          if status == 'ok' then
            consumed = consumed + 1
            slot = now + lease
            if conc == '' then conc = policy else conc = conc .. '\\0' .. policy end
          elseif refused[t] then consumed = consumed + 1 end
        else
          local cc, e = cs[policy], ces[policy]
          if status == 'ok' then
            if cc then cc = cc + pts else cc, e = pts, now + windowMs; ces[policy] = e end
            cs[policy] = cc
            if delegated then
              hpl[hnp + 1], hpl[hnp + 2], hpl[hnp + 3], hpl[hnp + 4], hpl[hnp + 5] = B[RK[g]] .. '\\0' .. policy, pts, e, DELEGATED, windowMs
              hnp = hnp + 5
            else
              pl[np + 1], pl[np + 2], pl[np + 3], pl[np + 4], pl[np + 5] = policy, pts, e, kind, windowMs
              np = np + 5
            end
            consumed, windowEnd = cc, e
          else
            if refused[t] then consumed = consumed + pts end
            windowEnd = e or now + windowMs
          end
        end
        out[no + 1], out[no + 2], out[no + 3] = consumed, windowEnd, refused[t] and 1 or 0
        no = no + 3
      end
      if r == home then
        -- The home's hold is made last: the delegated counts of later rows join its takes.
        hpl, hnp, hslot, hconc = pl, np, slot, conc
      elseif np > 0 or slot > 0 then
        st.h[id] = { s = slot, k = now + keep, c = conc, p = packTakes(pl, np) }
        st.dirty = true
      end
    end
    -- A partial grant is remembered in the home's hold, for a call sent again (see \`again\`): as a
    -- delegated take of no row, which every settlement (this script's and earlier versions') skips.
    if home and status == 'ok' and grant < mt then
      hpl[hnp + 1], hpl[hnp + 2], hpl[hnp + 3], hpl[hnp + 4], hpl[hnp + 5] = '', grant, 0, DELEGATED, 0
      hnp = hnp + 5
    end
    if home and (hnp > 0 or hslot > 0) then
      states[home].h[id] = { s = hslot, k = now + keep, c = hconc, p = packTakes(hpl, hnp) }
      states[home].dirty = true
    end
  end

  -- Vectors: read as they were (when asked), an operator's reset, a compaction, then the ops
  -- (carried ones first) appended. A later call of the batch reads them after these.
  if not out then
    out, no = outs, 3
    out[1], out[2], out[3] = now, STATUS[status], grant
  end
  -- The reply: its numbers packed in one string (a number each would be an element of the reply
  -- for Redis to write and the client to parse), the flag, the vectors asked for.
  local reply = { struct.pack(doubles(no), unpack(out, 1, no)), FA[ci] and raws[FA[ci]] or false }
  for r = 1, nrows do
    local g = g0 + r
    if RV[g] > 0 then
      local vkey = B[RV[g]]
      if B[RP[g] + 2] == 1 then reply[#reply + 1] = redis.call('GET', vkey) or '' end
    end
    -- A call sent again wrote its vectors the first time (an op appended twice counts twice).
    if RV[g] > 0 and not dup then
      local vkey = B[RV[g]]
      if B[RP[g]] == 1 then redis.call('DEL', vkey) end
      if B[RP[g] + 4] ~= '' and redis.call('GETRANGE', vkey, 0, ${VECTOR_HEADER_BYTES - 1}) == B[RP[g] + 4] then
        local gen, _, baseBytes = struct.unpack('<III', B[RP[g] + 4])
        local rest = redis.call('GETRANGE', vkey, ${VECTOR_HEADER_BYTES} + baseBytes + B[RP[g] + 5], -1)
        local base = ARGV[B[RP[g] + 6]]
        redis.call('SET', vkey, struct.pack('<III', (gen + 1) % 4294967296, floor(now / 1000), #base) .. base .. rest, 'PX', B[RP[g] + 1])
      end
      if B[RP[g] + 3] > 0 then
        local ops = ARGV[B[RP[g] + 3]]
        local len = redis.call('APPEND', vkey, ops)
        if len == #ops then
          redis.call('SET', vkey, struct.pack('<III', 0, floor(now / 1000), 0) .. ops, 'PX', B[RP[g] + 1])
        elseif len > ${VECTOR_LOG_CAP_BYTES} then
          redis.call('DEL', vkey)
        end
      end
    end
    vdone = r
  end

  return reply
end

local replies = {}
for ci = 1, ncalls do
  if CL[ci] then replies[ci] = { struct.pack(doubles(3), now, STATUS.late, 0), false } else
    local ok, res = pcall(run, ci)
    if not ok then
      -- A call failed partway (a vector key of the wrong type): Redis keeps what the script wrote
      -- before the error, so the earlier calls' vectors and this call's first \`vdone\` rows'
      -- vectors are written, and no row is. The error names, per earlier call, whether it ran (1)
      -- or landed late (0), then \`vdone\`, so that the client does not send again the vector ops
      -- the script appended (see \`scriptFailure\` in row-batch.ts).
      local ran = {}
      for i = 1, ci - 1 do ran[i] = CL[i] and '0' or '1' end
      -- Redis's error comes first, its code (WRONGTYPE, READONLY, OOM) where a client looks for it.
      return redis.error_reply((type(res) == 'table' and res.err or tostring(res)) .. ' [dg:partial ' .. table.concat(ran) .. '/' .. vdone .. ']')
    end
    replies[ci] = res
  end
end

-- Every row that changed, written back once: one flat MessagePack stream.
local function pack(o, n)
  -- Lua's unpack has a stack limit: a long row is packed in pieces (a stream concatenates).
  if n <= 4000 then return cmsgpack.pack(unpack(o, 1, n)) end
  local parts = {}
  for i = 1, n, 4000 do parts[#parts + 1] = cmsgpack.pack(unpack(o, i, math.min(n, i + 3999))) end
  return table.concat(parts)
end

-- (One table for every row written, made with room for a row of a few counters and holds:
-- growing it would rehash it; a row packs its first n values only.)
local o = { ${'false, '.repeat(31)}false }
for i = 1, nkeys do
  local st = byKey[keys[i]]
  if st.dirty then
    local n, count = 2, 0
    local untilMs = now
    for policy, cc in pairs(st.cc) do
      local e = st.ce[policy]
      o[n + 1], o[n + 2], o[n + 3] = policy, cc, e
      n = n + 3
      count = count + 1
      if e > untilMs then untilMs = e end
    end
    o[2] = count
    local at, holds = n + 1, 0
    n = n + 1
    for hid, hold in pairs(st.h) do
      o[n + 1], o[n + 2], o[n + 3], o[n + 4], o[n + 5] = hid, hold.s, hold.k, hold.c, hold.p
      n = n + 5
      holds = holds + 1
      if hold.k > untilMs then untilMs = hold.k end
    end
    o[at] = holds
    at, count = n + 1, 0
    n = n + 1
    for xid, u in pairs(st.x) do
      o[n + 1], o[n + 2] = xid, u
      n = n + 2
      count = count + 1
      if u > untilMs then untilMs = u end
    end
    o[at] = count
    if o[2] + holds + count > 0 and untilMs > now then
      -- The key's expiry moves only when the row must outlive it (setting it costs Redis about as
      -- much as the write itself), and then a quarter further than needed, so that the next
      -- writes (a hold kept a little later each time) leave it as it is.
      if st.raw and untilMs <= st.exp then
        o[1] = st.exp
        redis.call('SET', keys[i], pack(o, n), 'KEEPTTL')
      else
        local ttl = untilMs - now
        ttl = ttl + floor(ttl / 4)
        o[1] = now + ttl
        redis.call('SET', keys[i], pack(o, n), 'PX', ttl)
      end
    elseif st.raw then
      redis.call('DEL', keys[i])
    end
  end
end

return replies
`;
