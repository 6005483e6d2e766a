-- Sends WEFT_PIPELINE requests (default 16) for the URL's path in every write; wrk counts each response.
local requests
function init(args)
  local depth = tonumber(os.getenv("WEFT_PIPELINE") or "16")
  requests = string.rep(wrk.format("GET", wrk.path), depth)
end
function request()
  return requests
end
