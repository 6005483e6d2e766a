-- POSTs a body of WEFT_BODY_BYTES bytes (default 1024) as application/octet-stream; built once.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/octet-stream"
wrk.body = string.rep("w", tonumber(os.getenv("WEFT_BODY_BYTES") or "1024"))
