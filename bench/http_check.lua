-- wrk script: POST one shipment to /v1/check on every request (bench/http_load.sh).
-- SHIPMENT names the file (default samples/h100-vietnam-via-malaysia.json).
local path = os.getenv("SHIPMENT") or "samples/h100-vietnam-via-malaysia.json"
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = file:read("*a")
file:close()

-- Count answers that are not 200 so that the summary can say "0 errors" with reason.
local bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
