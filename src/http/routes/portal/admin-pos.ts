// Admin console: POS provider trust. Clover's webhook verification code, and the Toast links
// awaiting their ownership proof with the form that activates one (ADR 0016). The activation is
// the same use case as POST /api/v1/admin/pos/toast/connections/:id/activate.
import { Elysia } from 'elysia'
import { z } from 'zod'
import { AdminPosPage, ClaimRow, type PendingClaimRow } from '../../../../views/admin/pos'
import type { AppDeps } from '../../../infra/deps'
import {
  activateToastConnection,
  latestCloverVerification,
  listPendingOwnershipClaims,
  type PendingClaim,
} from '../../../pos/connection'
import { AppError, notFound } from '../../../shared/errors'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { portalChrome } from './chrome'

const activateForm = z
  .object({ claim_code: z.string().trim().min(1).max(20), reason: z.string().trim().min(1).max(500) })
  .loose()

const claimRow = (c: PendingClaim): PendingClaimRow => ({
  connectionId: c.connectionId,
  tenantName: c.tenantName,
  restaurantGuid: c.externalMerchantId,
  since: c.since.toISOString(),
  failures: c.failures,
})

export function adminPosPortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-admin-pos' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/admin/pos',
      async ({ actor, csrfToken, set }) => {
        set.headers['cache-control'] = 'no-store'
        const clover = await latestCloverVerification(deps)
        return AdminPosPage({
          chrome: await portalChrome(deps.dbh.db, actor, csrfToken(), '/admin/pos'),
          clover: clover && { code: clover.code, receivedAt: clover.receivedAt.toISOString() },
          claims: (await listPendingOwnershipClaims(deps)).map(claimRow),
        })
      },
      { auth: 'admin' },
    )
    .post(
      '/admin/pos/toast/:connectionId/activate',
      async ({ actor, body, csrfToken, params, set }) => {
        const pending = (await listPendingOwnershipClaims(deps)).find((c) => c.connectionId === params.connectionId)
        if (!pending) throw notFound('Pending Toast connection')
        try {
          await activateToastConnection(deps, actor.userId, params.connectionId, body.claim_code, body.reason)
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== 'claim_code_mismatch') throw e
          set.status = e.status
          const again =
            (await listPendingOwnershipClaims(deps)).find((c) => c.connectionId === params.connectionId) ?? pending
          return ClaimRow({ c: claimRow(again), csrfToken: csrfToken(), error: e.message })
        }
        return ClaimRow({
          c: claimRow(pending),
          csrfToken: csrfToken(),
          notice: 'Activated: the restaurant is connected and its held sales are being processed.',
        })
      },
      { auth: 'admin', body: activateForm },
    )
}
