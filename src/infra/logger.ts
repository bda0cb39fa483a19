// Structured JSON logs with the request id of whatever started the work (HTTP request or job).
import { AsyncLocalStorage } from 'node:async_hooks'
import pino, { type DestinationStream } from 'pino'
import { redact, scrubString } from './redact'

export type LogContext = { reqId: string }
export const logContext = new AsyncLocalStorage<LogContext>()

export type Logger = pino.Logger

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      messageKey: 'msg',
      mixin: () => {
        const s = logContext.getStore()
        return s ? { reqId: s.reqId } : {}
      },
      formatters: { log: (obj) => redact(obj) as Record<string, unknown> },
      hooks: {
        // The message string is not part of the formatted object, so scrub it here.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubString(a) : a)) as Parameters<typeof method>
          method.apply(this, scrubbed)
        },
      },
    },
    destination,
  )
}

/** Process-wide logger; tests may swap it via setLogger. */
let current: Logger = createLogger(process.env.LOG_LEVEL ?? (process.env.APP_ENV === 'test' ? 'warn' : 'info'))

export const log: Logger = new Proxy({} as Logger, {
  get: (_t, prop) => {
    const v = Reflect.get(current, prop)
    return typeof v === 'function' ? v.bind(current) : v
  },
})

export function setLogger(l: Logger) {
  current = l
}
