// Graceful shutdown on SIGTERM/SIGINT: readiness turns 503, new connections stop, in-flight
// requests finish, workers finish their current job, connections close, exit 0. A hard
// deadline guarantees the process ends even if something hangs.
import { log } from './logger'

export type ShutdownSteps = {
  lifecycle: { draining: boolean }
  stopHttp?: () => Promise<void>
  closeWorkers?: () => Promise<void>
  closeDeps: () => Promise<void>
  timeoutMs: number
  exit?: (code: number) => void
}

export function installShutdown(steps: ShutdownSteps): () => Promise<void> {
  const exit = steps.exit ?? ((code: number) => process.exit(code))
  let started = false
  const shutdown = async () => {
    if (started) return
    started = true
    steps.lifecycle.draining = true
    log.info('shutdown started: draining')
    const deadline = setTimeout(() => {
      log.error('shutdown deadline passed; exiting')
      exit(1)
    }, steps.timeoutMs)
    try {
      await Promise.all([steps.stopHttp?.(), steps.closeWorkers?.()])
      await steps.closeDeps()
      log.info('shutdown complete')
      clearTimeout(deadline)
      exit(0)
    } catch (e) {
      log.error({ err: e }, 'shutdown failed')
      clearTimeout(deadline)
      exit(1)
    }
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
  return shutdown
}
