-- Rotates the seeded API keys (bench/api-seed.sql) across requests and prints p50/p95/p99 and requests per second as
-- one machine-readable line at the end (as rotate.lua does for pages).
-- BENCH_PATH: the path, {n} (0–99) filled in; BENCH_METHOD: GET (default) or POST (a new project's JSON);
-- BENCH_AUTH: "key" (default) sends "Authorization: Bearer <key n>", "none" sends none (the bare page).
local template = os.getenv("BENCH_PATH") or "/api/v1/projects"
local method = os.getenv("BENCH_METHOD") or "GET"
local auth = os.getenv("BENCH_AUTH") or "key"
local keys = 100

function init(args)
  counter = math.random(0, keys - 1)
  made = 0
end

function request()
  counter = (counter + 1) % keys
  local path = template:gsub("{n}", tostring(counter))
  -- The bare page answers HTML only (406 to a JSON Accept); the API answers JSON.
  local headers = { ["Accept"] = auth == "key" and "application/json" or "text/html" }
  if auth == "key" then
    headers["Authorization"] = string.format("Bearer ddk_live_%012x_bench-secret-%d-0123456789", counter, counter)
  end
  if method == "POST" then
    made = made + 1
    headers["Content-Type"] = "application/json"
    local body = string.format('{"name":"Bench %d-%d","repositoryUrl":"https://github.com/bench/new-%d-%d"}',
      counter, made, counter, made)
    return wrk.format("POST", path, headers, body)
  end
  return wrk.format("GET", path, headers)
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f rps=%.0f requests=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
