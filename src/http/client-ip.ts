// The caller's IP for rate limits. Only a header our own proxy sets (TRUSTED_IP_HEADER) is
// believed; otherwise the socket address. Without a server (app.handle in tests) it is "unknown".
import type { Server } from 'bun'
import type { Config } from '../config'

export function clientIp(config: Config, request: Request, server: Server<unknown> | null | undefined): string {
  if (config.TRUSTED_IP_HEADER) {
    const v = request.headers.get(config.TRUSTED_IP_HEADER)?.split(',')[0]?.trim()
    if (v && v.length <= 64) return v
  }
  return server?.requestIP(request)?.address ?? 'unknown'
}
