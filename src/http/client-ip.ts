// The caller's IP for rate limits. Only a header our own edge proxy sets (TRUSTED_IP_HEADER,
// `fly-client-ip` on Fly; required in production) is believed; otherwise the socket address.
// A list-valued header (X-Forwarded-For style) is read from the right: the left entries are
// whatever the client sent, the last one is what the nearest proxy saw. A value that is not an
// IP address is ignored. Without a server (app.handle in tests) and no header it is "unknown".
import { isIP } from 'node:net'
import type { Server } from 'bun'
import type { Config } from '../config'

export function clientIp(config: Config, request: Request, server: Server<unknown> | null | undefined): string {
  if (config.TRUSTED_IP_HEADER) {
    const v = request.headers.get(config.TRUSTED_IP_HEADER)?.split(',').at(-1)?.trim()
    if (v && isIP(v)) return v
  }
  return server?.requestIP(request)?.address ?? 'unknown'
}
