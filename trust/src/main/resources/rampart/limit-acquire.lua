-- Takes a concurrent-request slot. KEYS[1] sorted set of lease ids by start time (ms).
-- ARGV: leaseId, limit, nowMs, staleMs (slots older than this are reclaimed: a replica died holding them).
-- Returns 1 when the slot was taken, 0 when all are in use.
local now = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. tostring(now - tonumber(ARGV[4])))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
return 1
