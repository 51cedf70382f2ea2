-- Adds tokens to a fixed window's total (0 only reads). KEYS[1] the window's total; ARGV[1] tokens, ARGV[2] its
-- time to live in ms. Returns the window's total after the addition.
local n = redis.call('INCRBY', KEYS[1], tonumber(ARGV[1]))
if redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
end
return n
