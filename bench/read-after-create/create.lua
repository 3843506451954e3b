local counter = 0
local nthreads = 0
function setup(thread) nthreads = nthreads + 1; thread:set("tid", nthreads) end
function init(args) math.randomseed(os.time() + tid * 7919) end
request = function()
  counter = counter + 1
  local body = string.format('{"email":"u%d-%d-%d@bench.test","displayName":"Bench %d"}', tid, counter, math.random(1e9), counter)
  return wrk.format("POST", "/api/v1/users", {["Content-Type"]="application/json", ["Authorization"]="Bearer " .. os.getenv("TOKEN")}, body)
end
