// Thin handlers for the POS connection lifecycle (src/pos/connection). Payloads carry a
// connection id at most, never a token (reliability-tests O6).
import { z } from 'zod'
import type { AppDeps } from '../src/infra/deps'
import {
  enqueueDuePolls,
  pollConnection,
  reconcilePos,
  reencryptTokens,
  refreshConnectionToken,
  refreshDueTokens,
} from '../src/pos/connection'

const one = z.object({ connectionId: z.string().min(1) })

/** Hourly: tokens expiring within the hour, idle ones before 24 h, Toast's partner token. */
export const refreshPosTokensJob = (deps: AppDeps) => refreshDueTokens(deps)

/** A delayed retry after a transient refresh failure. */
export const refreshPosTokenJob = (deps: AppDeps, data: unknown) =>
  refreshConnectionToken(deps, one.parse(data).connectionId, { mode: 'scheduled' })

/** Every 30 s: fan out one poll job per connection whose webhooks are not doing the work. */
export const pollPosConnectionsJob = (deps: AppDeps) => enqueueDuePolls(deps)

export const pollPosConnectionJob = async (deps: AppDeps, data: unknown) => {
  const r = await pollConnection(deps, one.parse(data).connectionId)
  return { status: r.status, pages: r.pages, inserted: r.inserted.length }
}

export const reconcilePosJob = async (deps: AppDeps) =>
  (await reconcilePos(deps)).map((r) => ({
    connectionId: r.connectionId,
    outcome: r.outcome,
    missing: r.missing.length,
  }))

export const reencryptPosTokensJob = (deps: AppDeps) => reencryptTokens(deps)
