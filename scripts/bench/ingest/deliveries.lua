-- wrk script for bun run bench:ingest: each thread replays its own file of unique, signed Square
-- deliveries ("<signature>\t<body>" per line, written by scripts/bench/ingest.ts), so every
-- request is a new event with a valid signature. Usage: wrk -s deliveries.lua URL -- <file prefix>
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local requests = {}
local count, nextIndex = 0, 0
function init(args)
  local f = assert(io.open(args[1] .. "-" .. tid .. ".txt", "r"))
  for line in f:lines() do
    local tab = line:find("\t", 1, true)
    count = count + 1
    requests[count] = wrk.format("POST", "/webhooks/square", {
      ["Content-Type"] = "application/json",
      ["X-Square-HmacSha256-Signature"] = line:sub(1, tab - 1),
    }, line:sub(tab + 1))
  end
  f:close()
end

function request()
  nextIndex = nextIndex + 1
  -- Out of unique deliveries: replays from here on (the orchestrator reports it).
  if nextIndex > count then nextIndex = 1 end
  return requests[nextIndex]
end
