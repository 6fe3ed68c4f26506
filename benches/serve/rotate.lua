-- wrk script for benches/serve_load.sh: each request asks ROUTE (a format string
-- with one %s) for the next of a rotation of one-term queries, so no answer is the
-- same twice in a row; at the end, one JSON line of latencies and errors.
local terms = {}
for term in string.gmatch(os.getenv("TERMS") or "security", "%S+") do
  table.insert(terms, term)
end
local route = os.getenv("ROUTE") or "/?q=%s"
local n = 0

request = function()
  n = n + 1
  return wrk.format("GET", string.format(route, terms[(n % #terms) + 1]))
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.1f,"socket_errors":%d,"non_2xx":%d,' ..
    '"p50_ms":%.1f,"p95_ms":%.1f,"p99_ms":%.1f,"max_ms":%.1f}\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
