-- Rotates pre-seeded sessions (and each session's own workspace) across requests, and prints p50/p95/p99 and
-- requests per second as one machine-readable line at the end.
-- BENCH_PATH: the path, with {slug} (the session's workspace) and {n} (0–999, the bare page's owner) filled in.
-- BENCH_COOKIE: "session" (the rotating session, default), "none", or a fixed session cookie value.
local lines = {}
local template = os.getenv("BENCH_PATH") or "/"
local cookie_mode = os.getenv("BENCH_COOKIE") or "session"

function init(args)
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local cookie, slug = line:match("^(%S+) (%S+)$")
    if cookie then lines[#lines + 1] = { cookie = cookie, slug = slug } end
  end
  counter = math.random(1, #lines)
end

function request()
  counter = counter % #lines + 1
  local l = lines[counter]
  local path = template:gsub("{slug}", l.slug):gsub("{n}", tostring(counter - 1))
  local headers = { ["Accept"] = "text/html" }
  if cookie_mode == "session" then headers["Cookie"] = "dd_session=" .. l.cookie
  elseif cookie_mode ~= "none" then headers["Cookie"] = "dd_session=" .. cookie_mode end
  return wrk.format("GET", path, headers)
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f rps=%.0f requests=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
