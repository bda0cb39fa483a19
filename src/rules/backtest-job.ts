// The back-test as background work: the web process records a run and enqueues it; a worker
// replays the sales and writes progress the portal polls. Safe to run twice (BullMQ is
// at-least-once): a second run recomputes the same numbers and overwrites the same hash.
import { z } from 'zod'
import type { AppDeps } from '../infra/deps'
import { inTenant, type TenantScope } from '../infra/scope'
import { newId } from '../shared/ids'
import { getTenant } from '../tenancy'
import { createBacktestRun, failBacktestRun, finishBacktestRun, recordBacktestProgress } from './backtest-progress'
import { parseRuleSet } from './parse-rule-set'
import type { RuleSet } from './rule-set'
import { ruleVersionById, type StoredRuleVersion } from './rules.repo'
import { runBacktest } from './run-backtest'

export const BACKTEST_JOB = 'rules-backtest'

const backtestMessage = z.strictObject({
  version: z.literal(1),
  backtestId: z.string().min(1),
  tenantId: z.string().min(1),
  currentVersionId: z.string().min(1),
  draft: z.unknown(),
})
export type BacktestMessage = z.infer<typeof backtestMessage>

/** Returns the run id the portal polls. */
export async function startBacktest(
  deps: Pick<AppDeps, 'redis' | 'queues' | 'clock'>,
  scope: TenantScope,
  input: { draft: RuleSet; current: StoredRuleVersion },
): Promise<string> {
  const backtestId = newId('bkt', deps.clock().getTime())
  await createBacktestRun(deps.redis, { id: backtestId, tenantId: scope.tenantId, baseVersion: input.current.version })
  const message: BacktestMessage = {
    version: 1,
    backtestId,
    tenantId: scope.tenantId,
    currentVersionId: input.current.id,
    draft: input.draft,
  }
  // One attempt: a failed replay is shown as failed and the merchant simply starts another.
  await deps.queues.enqueue('maintenance', BACKTEST_JOB, message, { jobId: backtestId, attempts: 1 })
  return backtestId
}

export async function executeBacktest(deps: Pick<AppDeps, 'redis' | 'dbh' | 'clock'>, data: unknown): Promise<void> {
  const message = backtestMessage.parse(data)
  const scope = { tenantId: message.tenantId }
  try {
    const draft = parseRuleSet(message.draft)
    if (!draft.ok) throw new Error('back-test draft no longer parses')
    const current = await inTenant(deps.dbh.db, scope, (tx) =>
      ruleVersionById(tx, scope.tenantId, message.currentVersionId),
    )
    const tenant = await getTenant(deps.dbh.db, scope.tenantId)
    if (!current || !tenant) throw new Error('back-test tenant or version not found')
    const result = await runBacktest(deps.dbh.db, scope, {
      draft: draft.value,
      current: current.ruleSet,
      timeZone: tenant.timeZone,
      now: deps.clock(),
      onProgress: (done, total) => recordBacktestProgress(deps.redis, message.backtestId, done, total),
    })
    await finishBacktestRun(deps.redis, message.backtestId, result)
  } catch (error) {
    await failBacktestRun(deps.redis, message.backtestId).catch(() => {})
    throw error
  }
}
