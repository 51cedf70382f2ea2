-- Counts one request in a fixed window. KEYS[1] the window's counter; ARGV[1] its time to live in ms.
-- Returns the window's count including this request.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
end
return n
