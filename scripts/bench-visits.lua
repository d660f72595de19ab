-- wrk script for POST /api/visits: each request a different visit by generated officials (scripts/generate-seed.py),
-- visitors of one country, host another, so that writes spread over many officials' itinerary locks.
-- Needs the environment variable BENCH_KEY (an editor API key) and BENCH_OFFICIALS (officials per country, default 50).
local countries = { "CN", "RU", "KZ", "MN", "IN", "BY" }
local per = tonumber(os.getenv("BENCH_OFFICIALS") or "50")
local key = os.getenv("BENCH_KEY")
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  math.randomseed(os.time() * 100 + (thread_id or 0))
end

request = function()
  counter = counter + 1
  local v = math.random(#countries)
  local h = math.random(#countries - 1)
  if h >= v then h = h + 1 end
  local visitor = string.format("gen-%s-%d", string.lower(countries[v]), math.random(per) - 1)
  local host = string.format("gen-%s-%d", string.lower(countries[h]), math.random(per) - 1)
  local body = string.format(
    '{"officialIds":["%s"],"hostCountry":"%s","hostOfficialIds":["%s"],"date":"20%02d-%02d-%02d","title":"Bench visit %d-%d","sources":[{"title":"Bench","publisher":"Bench","url":"https://example.org/b"}]}',
    visitor, countries[h], host, math.random(0, 25), math.random(12), math.random(28), thread_id or 0, counter)
  return wrk.format("POST", "/api/visits", { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
end

local errors = 0
response = function(status, headers, body)
  if status ~= 201 and errors < 3 then
    errors = errors + 1
    io.stderr:write("status " .. status .. ": " .. body .. "\n")
  end
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH rps=%.1f p50_ms=%.2f p99_ms=%.2f errors_status=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.requests))
end
