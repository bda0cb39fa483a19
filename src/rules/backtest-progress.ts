// Where a running back-test keeps its progress and result: a Redis hash per run, readable by
// any web process, gone after an hour. The tenant is stored with it and checked on every
// read, so one shop can never poll another's run by guessing its id.
import type { Redis } from 'ioredis'
import type { BacktestResult } from './backtest-replay'

const TTL_SECONDS = 3_600
const key = (id: string) => `rules:backtest:${id}`

export type BacktestStatus = 'queued' | 'running' | 'done' | 'failed'

export type BacktestRun = {
  id: string
  status: BacktestStatus
  done: number
  total: number
  /** The active version the draft was compared with. */
  baseVersion: number
  result: BacktestResult | null
}

// Every write renews the expiry, so a hash can never outlive its TTL without its tenant field.
async function write(redis: Redis, id: string, fields: Record<string, string | number>): Promise<void> {
  await redis.multi().hset(key(id), fields).expire(key(id), TTL_SECONDS).exec()
}

export function createBacktestRun(
  redis: Redis,
  run: { id: string; tenantId: string; baseVersion: number },
): Promise<void> {
  return write(redis, run.id, {
    tenantId: run.tenantId,
    status: 'queued',
    done: 0,
    total: 0,
    baseVersion: run.baseVersion,
  })
}

export function recordBacktestProgress(redis: Redis, id: string, done: number, total: number): Promise<void> {
  return write(redis, id, { status: 'running', done, total })
}

export function finishBacktestRun(redis: Redis, id: string, result: BacktestResult): Promise<void> {
  return write(redis, id, { status: 'done', done: result.sales, total: result.sales, result: JSON.stringify(result) })
}

export function failBacktestRun(redis: Redis, id: string): Promise<void> {
  return write(redis, id, { status: 'failed' })
}

/** null when the run is unknown, expired or belongs to another tenant (all look the same). */
export async function readBacktestRun(redis: Redis, id: string, tenantId: string): Promise<BacktestRun | null> {
  const h = await redis.hgetall(key(id))
  if (!h.tenantId || h.tenantId !== tenantId) return null
  return {
    id,
    status: (h.status ?? 'queued') as BacktestStatus,
    done: Number(h.done ?? 0),
    total: Number(h.total ?? 0),
    baseVersion: Number(h.baseVersion ?? 0),
    result: h.result ? (JSON.parse(h.result) as BacktestResult) : null,
  }
}
