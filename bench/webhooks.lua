-- wrk script for bench/webhooks.sh: POSTs pre-signed Stripe deliveries (BENCH_EVENTS, lines of
-- "<Stripe-Signature>\t<body>", made by webhook_events.py: wrk's Lua cannot compute HMAC-SHA256), each exactly once.
-- Thread n of N (BENCH_THREADS) sends lines n, n + N, n + 2N, …; when its last answer arrives it notes the time,
-- appends a line to BENCH_DONE and stops. wrk itself runs until its -d or SIGINT (webhooks.sh sends it once every
-- thread is done), so the figures come from this script's own clock: first request to last answer. At the end one
-- RESULT line gives them.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) / 1e9
end

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  requests = {}
  local i = 0
  for line in io.lines(os.getenv("BENCH_EVENTS")) do
    if i % nthreads == id then
      local tab = line:find("\t", 1, true)
      requests[#requests + 1] = wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["Stripe-Signature"] = line:sub(1, tab - 1),
      }, line:sub(tab + 1))
    end
    i = i + 1
  end
  sent = 0
  promised = 0
  answered = 0
  non2xx = 0
  first_sent = 0
  last_answered = 0
  -- wrk calls request() once on the first thread to check the script, before anything is sent: don't use up an event.
  checking = (id == 0)
end

-- Once every event of this thread is out (or promised to a connection whose zero delay has not run yet), a
-- connection that frees up waits instead of sending anything more.
function delay()
  if sent + promised >= #requests then
    return 3600000
  end
  promised = promised + 1
  return 0
end

function request()
  if checking then
    checking = false
    return requests[1]
  end
  if sent == 0 then
    first_sent = now()
  end
  if promised > 0 then
    promised = promised - 1
  end
  sent = math.min(sent + 1, #requests)
  return requests[sent]
end

function response(status, headers, body)
  answered = answered + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  if answered == #requests then
    last_answered = now()
    local done = io.open(os.getenv("BENCH_DONE"), "a")
    done:write(id .. "\n")
    done:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total, failed, from, to = 0, 0, math.huge, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("answered")
    failed = failed + thread:get("non2xx")
    from = math.min(from, thread:get("first_sent"))
    to = math.max(to, thread:get("last_answered"))
  end
  local seconds = to - from
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx=%d socket_errors=%d\n",
    total, seconds, total / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, failed,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
