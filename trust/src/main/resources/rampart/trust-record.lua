-- Atomically records one interaction for a subject (the same arithmetic as TrustModel.record in Java).
-- KEYS[1] evidence string, KEYS[2] recent events list, KEYS[3] seen event ids (sorted set by time)
-- ARGV: eventId, atMillis, outcome, severity, encodedEvent, cleanWeight, flagWeight, blockWeight,
--       positiveHalfLifeMs, negativeHalfLifeMs, gainWindowMs, maxGainPerWindow, recentEvents, seenEvents,
--       seenWindowMs (event ids are remembered for this long, at most seenEvents of them, for idempotent retries)
if redis.call('ZSCORE', KEYS[3], ARGV[1]) then
  return redis.call('GET', KEYS[1])
end
local at = tonumber(ARGV[2])
local p, n, upd, ws, wg, ev, vio = 0, 0, at, at, 0, 0, 0
local cur = redis.call('GET', KEYS[1])
if cur then
  local f = {}
  for part in string.gmatch(cur, '([^;]+)') do f[#f + 1] = part end
  p, n, upd, ws, wg, ev, vio = tonumber(f[2]), tonumber(f[3]), tonumber(f[4]), tonumber(f[5]), tonumber(f[6]),
    tonumber(f[7]), tonumber(f[8])
end
if at < upd then at = upd end
local dt = at - upd
p = p * math.pow(0.5, dt / tonumber(ARGV[9]))
n = n * math.pow(0.5, dt / tonumber(ARGV[10]))
if at >= ws + tonumber(ARGV[11]) then
  ws = at
  wg = 0
end
local outcome = ARGV[3]
local severity = tonumber(ARGV[4])
if outcome == 'CLEAN' then
  local gain = math.max(0, math.min(tonumber(ARGV[6]), tonumber(ARGV[12]) - wg))
  p = p + gain
  wg = wg + gain
elseif outcome == 'FLAGGED' then
  n = n + tonumber(ARGV[7]) * severity
  vio = vio + 1
else
  n = n + tonumber(ARGV[8]) * severity
  vio = vio + 1
end
ev = ev + 1
local encoded = string.format('v1;%.17g;%.17g;%d;%d;%.17g;%d;%d', p, n, at, ws, wg, ev, vio)
redis.call('SET', KEYS[1], encoded)
redis.call('LPUSH', KEYS[2], ARGV[5])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[13]) - 1)
redis.call('ZADD', KEYS[3], tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. tostring(at - tonumber(ARGV[15])))
redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[14]) - 1)
return encoded
