// Admin console: the audit log (listAudit, the same reader as GET /api/v1/admin/audit-events).
// The filter form swaps only the rows; paging is a plain link so a page can be bookmarked.
import { Elysia } from 'elysia'
import { z } from 'zod'
import { AdminAuditPage, type AuditRow, AuditRows } from '../../../../views/admin/audit'
import { type AuditEvent, listAudit } from '../../../audit'
import { userLabels } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { portalChrome } from './chrome'

const PAGE = 50

const auditQuery = z.object({
  action: z.string().trim().max(100).default(''),
  target_id: z.string().trim().max(64).default(''),
  before: z.iso.datetime().optional(),
  before_id: z.string().max(64).optional(),
})

const row = (e: AuditEvent, names: Map<string, string>): AuditRow => ({
  id: e.id,
  actor: names.get(e.actorUserId) ?? e.actorUserId,
  action: e.action,
  targetType: e.targetType,
  targetId: e.targetId,
  targetTenantId: e.targetTenantId,
  before: e.before,
  after: e.after,
  reason: e.reason,
  at: e.createdAt.toISOString(),
})

export function adminAuditPortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-admin-audit' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/admin/audit',
      async ({ actor, csrfToken, query, request, set }) => {
        const events = await listAudit(db, {
          limit: PAGE,
          ...(query.action && { action: query.action }),
          ...(query.target_id && { targetId: query.target_id }),
          ...(query.before && {
            before: new Date(query.before),
            ...(query.before_id && { beforeId: query.before_id }),
          }),
        })
        const names = await userLabels(
          db,
          events.map((e) => e.actorUserId),
        )
        const last = events.at(-1)
        const view = {
          rows: events.map((e) => row(e, names)),
          filters: { action: query.action, targetId: query.target_id },
          next: events.length === PAGE && last ? { before: last.createdAt.toISOString(), beforeId: last.id } : null,
        }
        set.headers.vary = 'HX-Request'
        if (request.headers.get('hx-request') === 'true') return AuditRows(view)
        return AdminAuditPage({
          ...view,
          chrome: await portalChrome(db, actor, csrfToken(), '/admin/audit'),
          paged: !!query.before,
        })
      },
      { auth: 'admin', query: auditQuery },
    )
}
