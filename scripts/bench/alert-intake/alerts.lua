-- Used by scripts/bench/alert-intake/wrk.sh: `wrk -s alerts.lua URL -- PREFIX TOKEN`.
-- POSTs 64 distinct alerts per request (Alertmanager API v2), like intake.py.
local counter = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  prefix = (args[1] or "w") .. "t" .. tid
  token = args[2]
end
request = function()
  counter = counter + 1
  local parts = {}
  for i = 0, 63 do
    parts[#parts + 1] = string.format(
      '{"labels":{"alertname":"%s_%d","instance":"host-%d-%d","job":"bench","severity":"warning"},"annotations":{"summary":"benchmark alert"}}',
      prefix, counter % 97, counter, i)
  end
  local headers = { ["Content-Type"] = "application/json" }
  if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("POST", "/api/v2/alerts", headers, "[" .. table.concat(parts, ",") .. "]")
end
