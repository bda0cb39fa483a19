// Platform admin: person lookup, balance adjustments, the audit log and reconciliation runs.
// Admins work across tenants by design; writes still run in the wallet's tenant transaction.
import { Elysia, t } from 'elysia'
import { listAudit } from '../../../audit'
import type { AppDeps } from '../../../infra/deps'
import { adjustBalance, entryJson, findingsOf, listRuns, manualReconcileJobId, walletTenant } from '../../../ledger'
import { findPerson } from '../../../members'
import { AppError, notFound } from '../../../shared/errors'
import { getTenant } from '../../../tenancy'
import { authPlugin } from '../../plugins/auth'
import { idempotentReply } from '../../idempotent'

export function adminLedgerApi(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'api-admin-ledger' })
    .use(authPlugin(deps))
    .get(
      '/api/v1/admin/consumers',
      async ({ query }) => {
        if (!query.phone && !query.email)
          throw new AppError('validation_failed', 'Give a phone or an email', {
            fields: { phone: 'or email is required' },
          })
        const found = await findPerson(db, {
          ...(query.phone ? { phone: query.phone } : {}),
          ...(query.email ? { email: query.email } : {}),
        })
        return {
          members: found.map((m) => ({
            member_id: m.memberId,
            tenant_id: m.tenantId,
            tenant_name: m.tenantName,
            phone: m.phone,
            email: m.email,
            user_id: m.userId,
          })),
          wallets: found
            .filter((m) => m.walletId)
            .map((m) => ({
              wallet_id: m.walletId,
              tenant_id: m.tenantId,
              tenant_name: m.tenantName,
              member_id: m.memberId,
              balance: m.balance,
            })),
        }
      },
      {
        auth: 'admin',
        query: t.Object({
          phone: t.Optional(t.String({ maxLength: 40 })),
          email: t.Optional(t.String({ maxLength: 254 })),
        }),
      },
    )
    .post(
      '/api/v1/admin/wallets/:walletId/adjustments',
      async ({ actor, params, body, request }) => {
        const tenantId = await walletTenant(db, params.walletId)
        const now = deps.clock()
        return idempotentReply(
          {
            db,
            request,
            tenantId,
            callerId: actor.userId,
            route: 'POST /api/v1/admin/wallets/:walletId/adjustments',
            body: { wallet_id: params.walletId, ...body },
            now,
          },
          async (tx) => ({
            status: 201,
            body: entryJson(
              await adjustBalance(tx, tenantId, {
                walletId: params.walletId,
                points: body.points,
                reason: body.reason,
                actorUserId: actor.userId,
                now,
              }),
            ),
          }),
        )
      },
      { auth: 'admin', body: t.Object({ points: t.Integer(), reason: t.String({ maxLength: 500 }) }) },
    )
    .get(
      '/api/v1/admin/audit-events',
      async ({ query }) =>
        (
          await listAudit(db, {
            limit: query.limit ?? 100,
            ...(query.before ? { before: new Date(query.before) } : {}),
            ...(query.target_id ? { targetId: query.target_id } : {}),
          })
        ).map((e) => ({
          id: e.id,
          actor: e.actorUserId,
          action: e.action,
          target: { type: e.targetType, id: e.targetId, tenant_id: e.targetTenantId },
          before: e.before,
          after: e.after,
          reason: e.reason,
          request_id: e.requestId,
          at: e.createdAt.toISOString(),
        })),
      {
        auth: 'admin',
        query: t.Object({
          limit: t.Optional(t.Number({ minimum: 1, maximum: 500 })),
          before: t.Optional(t.String({ format: 'date-time' })),
          target_id: t.Optional(t.String({ maxLength: 64 })),
        }),
      },
    )
    .post(
      '/api/v1/admin/reconciliation-runs',
      async ({ body, set }) => {
        // On demand: the same job the nightly schedule runs, through the queue so it never
        // competes with web requests for time; the job id stops double clicks running twice.
        const tenantId = body?.tenant_id ?? null
        if (tenantId && !(await getTenant(db, tenantId))) throw notFound('Tenant')
        const jobId = manualReconcileJobId(deps.clock(), tenantId)
        await deps.queues.enqueue(
          'maintenance',
          'reconcile-ledger',
          { trigger: 'manual', ...(tenantId && { tenant_id: tenantId }) },
          { jobId },
        )
        set.status = 202
        return { status: 'queued', job_id: jobId, tenant_id: tenantId }
      },
      {
        auth: 'admin',
        body: t.Optional(t.Nullable(t.Object({ tenant_id: t.Optional(t.String({ minLength: 1, maxLength: 64 })) }))),
      },
    )
    .get(
      '/api/v1/admin/reconciliation-runs',
      async () =>
        (await listRuns(db)).map((r) => ({
          run_id: r.id,
          trigger: r.trigger,
          tenant_id: r.scopeTenantId,
          wallets_checked: r.walletsChecked,
          wallets_total: r.walletsTotal,
          findings: r.findingsCount,
          started_at: r.startedAt.toISOString(),
          finished_at: r.finishedAt?.toISOString() ?? null,
        })),
      { auth: 'admin' },
    )
    .get(
      '/api/v1/admin/reconciliation-runs/:runId/findings',
      async ({ params }) =>
        (await findingsOf(db, params.runId)).map((f) => ({
          kind: f.kind,
          tenant_id: f.tenantId,
          wallet_id: f.walletId,
          expected: f.expected,
          actual: f.actual,
          difference: f.difference,
          entry_id: f.entryId,
          healed: f.healed,
        })),
      { auth: 'admin' },
    )
}
