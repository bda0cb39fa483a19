import { afterAll, describe, expect, test } from 'bun:test'
import { Writable } from 'node:stream'
import { type WorkerRuntime, startWorkers } from '../../jobs/worker'
import { createLogger, logContext, setLogger } from '../../src/infra/logger'
import { useTestApp } from '../helpers/app'

// Registered before useTestApp: bun runs afterAll hooks in order, and the workers must stop
// before the test database is dropped (a job still writing to it would fail the run).
afterAll(() => workers?.close(), 30_000)
const getApp = useTestApp()
let workers: WorkerRuntime | undefined
afterAll(async () => {
  setLogger(createLogger(process.env.LOG_LEVEL ?? 'warn'))
})

function captureLogs(): string[] {
  const lines: string[] = []
  setLogger(createLogger('debug', new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) })))
  return lines
}

async function until(fn: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms
  while (!(await fn()) && Date.now() < end) await Bun.sleep(50)
}

describe('worker runtime', () => {
  test("a job started by a request logs with that request's id", async () => {
    const { deps } = getApp()
    const lines = captureLogs()
    workers = await startWorkers(deps)
    await logContext.run({ reqId: 'req-carried-into-job' }, () =>
      deps.queues.enqueue('maintenance', 'purge-expired', {}),
    )
    await until(() => lines.some((l) => l.includes('"job done"')))
    const done = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'job done' && l.job === 'purge-expired')
    expect(done?.reqId).toBe('req-carried-into-job')
  }, 20_000)

  test('a job nobody handles goes to the dead-letter queue at once, without retries', async () => {
    const { deps } = getApp()
    await deps.queues.enqueue('maintenance', 'no-such-job', {})
    await until(async () => (await deps.queues.deadLetter.count()) > 0)
    const [dead] = await deps.queues.deadLetter.getJobs(['waiting', 'completed'])
    expect(dead?.data).toMatchObject({ queue: 'maintenance', job: 'no-such-job' })
    const failed = await deps.queues.get('maintenance').getFailed()
    expect(failed.find((j) => j.name === 'no-such-job')?.attemptsMade).toBe(1)
  }, 20_000)

  test('the nightly maintenance schedule is registered once, however often workers boot', async () => {
    const { deps } = getApp()
    const again = await startWorkers(deps)
    await again.close()
    const schedulers = await deps.queues.get('maintenance').getJobSchedulers()
    expect(schedulers.filter((s) => s.key === 'purge-expired-nightly')).toHaveLength(1)
  })
})
