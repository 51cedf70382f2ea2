-- Atomically adds a sub-subject to its principal's set unless the set already holds the cap.
-- KEYS[1] the principal's set of sub-subjects; ARGV[1] the sub-subject, ARGV[2] the cap.
-- Returns 1 when the sub-subject is in the set (already or now), 0 when the cap kept it out.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  return 1
end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('SADD', KEYS[1], ARGV[1])
return 1
