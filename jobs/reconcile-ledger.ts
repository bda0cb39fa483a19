// Nightly (and on demand, for every shop or one): compare every wallet's projections with its
// ledger, record each finding with its exact difference, heal the balance projection, count
// findings in metrics. Progress goes to the job (the admin console polls it) after each batch.
import type { Job } from 'bullmq'
import { z } from 'zod'
import type { AppDeps } from '../src/infra/deps'
import { reconcileLedger } from '../src/ledger'

const payload = z
  .object({
    trigger: z.enum(['scheduled', 'manual']).default('scheduled'),
    tenant_id: z.string().min(1).max(64).optional(),
  })
  .default({ trigger: 'scheduled' })

export async function reconcileLedgerJob(deps: AppDeps, data: unknown, job?: Job) {
  const { trigger, tenant_id } = payload.parse(data ?? undefined)
  const run = await reconcileLedger(deps.dbh.db, {
    now: deps.clock(),
    trigger,
    ...(tenant_id && { tenantId: tenant_id }),
    onFinding: (f) => deps.metrics.reconciliationFindings.inc({ kind: f.kind }),
    onProgress: async (p) => {
      await job?.updateProgress(p)
    },
  })
  return {
    runId: run.runId,
    walletsChecked: run.walletsChecked,
    findings: run.findings.length,
    tenantId: tenant_id ?? null,
  }
}
