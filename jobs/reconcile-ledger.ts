// Nightly (and on demand): compare every wallet's projections with its ledger, record each
// finding with its exact difference, heal the balance projection, count findings in metrics.
import { z } from 'zod'
import type { AppDeps } from '../src/infra/deps'
import { reconcileLedger } from '../src/ledger'

const payload = z.object({ trigger: z.enum(['scheduled', 'manual']).default('scheduled') }).default({ trigger: 'scheduled' })

export async function reconcileLedgerJob(deps: AppDeps, data: unknown) {
  const { trigger } = payload.parse(data ?? undefined)
  const run = await reconcileLedger(deps.dbh.db, { now: deps.clock(), trigger, onFinding: (f) => deps.metrics.reconciliationFindings.inc({ kind: f.kind }) })
  return { runId: run.runId, walletsChecked: run.walletsChecked, findings: run.findings.length }
}
