// Admin console: ledger reconciliation. "Run now" (every shop, or the one picked) enqueues
// exactly what POST /api/v1/admin/reconciliation-runs enqueues (same job, same per-minute job
// id, so a double click runs once); progress (wallets checked of the total, reported by the job
// after each batch) is read from that job, and its return value names the run.
// Below the runs, the nightly POS reconciliation reports (what each provider said against what we stored).
import { Elysia } from 'elysia'
import { z } from 'zod'
import { AdminReconciliationPage } from '../../../../views/admin/reconciliation'
import { AdminRunPage } from '../../../../views/admin/reconciliation-findings'
import type { PosReportRow } from '../../../../views/admin/reconciliation-pos-reports'
import { ProgressView, type RunProgress } from '../../../../views/admin/reconciliation-run-now'
import { type RunRow, RunsTable } from '../../../../views/admin/reconciliation-runs'
import type { AppDeps } from '../../../infra/deps'
import type { Db } from '../../../infra/db'
import { listPosReconciliationReports } from '../../../pos/connection'
import { findingsOf, listRuns, MANUAL_RECONCILE_JOB_ID, manualReconcileJobId } from '../../../ledger'
import { notFound } from '../../../shared/errors'
import { getTenant, listTenants } from '../../../tenancy'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { portalChrome } from './chrome'

type Run = Awaited<ReturnType<typeof listRuns>>[number]

const runRow = (r: Run): RunRow => ({
  id: r.id,
  trigger: r.trigger,
  tenantId: r.scopeTenantId,
  walletsChecked: r.walletsChecked,
  walletsTotal: r.walletsTotal,
  findings: r.findingsCount,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
})

/** The job's return value (jobs/reconcile-ledger.ts). */
async function posReports(db: Db): Promise<PosReportRow[]> {
  return (await listPosReconciliationReports(db)).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
}

const jobResult = z.object({ runId: z.string(), walletsChecked: z.number(), findings: z.number() })
/** What the job reports after each batch (ReconcileProgress). */
const jobProgress = z.object({ runId: z.string(), walletsChecked: z.number(), walletsTotal: z.number() })

const shopChoices = async (db: Db) => (await listTenants(db)).map((t) => ({ id: t.id, name: t.name }))

/** A run page looks among this many recent runs (about three months of nightly runs). */
const RECENT_RUNS = 100

export function adminReconciliationPortal(deps: AppDeps) {
  const db = deps.dbh.db

  async function progressOf(jobId: string): Promise<RunProgress> {
    const job = await deps.queues.get('maintenance').getJob(jobId)
    if (!job) return { jobId, state: 'gone' }
    const state = await job.getState()
    if (state === 'completed') {
      const result = jobResult.safeParse(job.returnvalue)
      return result.success ? { jobId, state: 'finished', ...result.data } : { jobId, state: 'gone' }
    }
    if (state === 'failed') return { jobId, state: 'failed' }
    if (state === 'active') {
      const p = jobProgress.safeParse(job.progress)
      return p.success
        ? { jobId, state: 'running', walletsChecked: p.data.walletsChecked, walletsTotal: p.data.walletsTotal }
        : { jobId, state: 'running' }
    }
    return { jobId, state: job.attemptsMade > 0 ? 'retrying' : 'queued' }
  }

  /** The progress line, plus the runs table in a second target so it shows the run as it goes. */
  async function progressWithRuns(progress: RunProgress): Promise<string> {
    const runs = RunsTable({ runs: (await listRuns(db)).map(runRow) })
    return `${await ProgressView({ progress })}<hx-partial hx-target="#runs-table" hx-swap="outerHTML">${await runs}</hx-partial>`
  }

  return new Elysia({ name: 'portal-admin-reconciliation' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/admin/reconciliation',
      async ({ actor, csrfToken }) =>
        AdminReconciliationPage({
          chrome: await portalChrome(db, actor, csrfToken(), '/admin/reconciliation'),
          runs: (await listRuns(db)).map(runRow),
          progress: null,
          posReports: await posReports(db),
          shops: await shopChoices(db),
        }),
      { auth: 'admin' },
    )
    .post(
      '/admin/reconciliation/runs',
      async ({ actor, body, csrfToken, request, set }) => {
        const tenantId = body?.tenant_id || null
        if (tenantId && !(await getTenant(db, tenantId))) throw notFound('Shop')
        const jobId = manualReconcileJobId(deps.clock(), tenantId)
        await deps.queues.enqueue(
          'maintenance',
          'reconcile-ledger',
          { trigger: 'manual', ...(tenantId && { tenant_id: tenantId }) },
          { jobId },
        )
        const progress = await progressOf(jobId)
        set.status = 202
        if (request.headers.get('hx-request') === 'true') return progressWithRuns(progress)
        return AdminReconciliationPage({
          chrome: await portalChrome(db, actor, csrfToken(), '/admin/reconciliation'),
          runs: (await listRuns(db)).map(runRow),
          progress,
          posReports: await posReports(db),
          shops: await shopChoices(db),
        })
      },
      { auth: 'admin', body: z.object({ tenant_id: z.string().max(64).optional() }).optional() },
    )
    .get('/admin/reconciliation/rows', async () => RunsTable({ runs: (await listRuns(db)).map(runRow) }), {
      auth: 'admin',
    })
    .get('/admin/reconciliation/jobs/:jobId', async ({ params }) => progressWithRuns(await progressOf(params.jobId)), {
      auth: 'admin',
      params: z.object({ jobId: z.string().regex(MANUAL_RECONCILE_JOB_ID) }),
    })
    .get(
      '/admin/reconciliation/runs/:runId',
      async ({ actor, csrfToken, params }) => {
        const run = (await listRuns(db, RECENT_RUNS)).find((r) => r.id === params.runId)
        if (!run) throw notFound('Reconciliation run')
        const findings = await findingsOf(db, run.id)
        return AdminRunPage({
          chrome: await portalChrome(db, actor, csrfToken(), '/admin/reconciliation'),
          run: runRow(run),
          findings,
        })
      },
      { auth: 'admin' },
    )
}
