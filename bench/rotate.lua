-- Rotates pre-seeded session cookies (and each session's own workspace) across requests, and prints
-- p50/p95/p99 and requests per second as one machine-readable line at the end.
local lines = {}
local page = os.getenv("BENCH_PAGE") or "dashboard"

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
  local path
  if page == "dashboard" then path = "/t/" .. l.slug .. "/referrals"
  elseif page == "level" then path = "/t/" .. l.slug .. "/referrals?members=3"
  elseif page == "leaderboard" then path = "/leaderboard"
  elseif page == "home" then path = "/t/" .. l.slug .. "/"
  else path = "/" end
  return wrk.format("GET", path, { ["Cookie"] = "dd_session=" .. l.cookie, ["Accept"] = "text/html" })
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f rps=%.0f requests=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
