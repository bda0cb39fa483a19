// Portal side of claimable receipts: the merchant's printable claim slip for an unmatched sale,
// and the customer's /claim page (the QR's target). Same use cases and limits as the API.
import { Elysia } from 'elysia'
import QRCode from 'qrcode'
import { z } from 'zod'
import { ClaimPage, ClaimResultView } from '../../../../views/consumer/claim'
import { ClaimReceiptPage } from '../../../../views/merchant/claim-receipt'
import type { AppDeps } from '../../../infra/deps'
import { claimSale, issueSaleClaim } from '../../../pos/ingest'
import { AppError, errorStatus } from '../../../shared/errors'
import { getTenant } from '../../../tenancy'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { claimingUser, claimUrl, limitClaims } from '../api/sale-claims'

export function saleClaimsPortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-sale-claims' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/merchant/transactions/:id/claim',
      async ({ actor, csrfToken, params }) => {
        const scope = merchantScope(actor)
        const claim = await issueSaleClaim(deps, scope, params.id)
        const url = claimUrl(deps, claim.code)
        const shop = await getTenant(db, scope.tenantId)
        const qrDataUrl = await QRCode.toDataURL(url, { margin: 1, width: 220, errorCorrectionLevel: 'M' })
        return ClaimReceiptPage({
          shopName: shop?.name ?? '',
          code: claim.code,
          url,
          qrDataUrl,
          expiresAt: claim.expiresAt.toISOString(),
          csrfToken: csrfToken(),
        })
      },
      { auth: 'merchant' },
    )
    .get('/claim', ({ csrfToken, query }) => ClaimPage({ code: query.code ?? '', csrfToken: csrfToken() }), {
      auth: 'consumer',
      query: z.object({ code: z.string().max(40).optional() }),
    })
    .post(
      '/claim',
      async ({ actor, body, set }) => {
        try {
          await limitClaims(deps, actor.userId)
          const r = await claimSale(deps, await claimingUser(deps, actor.userId), body.code)
          const shop = await getTenant(db, r.tenantId)
          return ClaimResultView({
            outcome: { ok: true, points: r.points, tenantName: shop?.name ?? 'shop', walletId: r.walletId },
          })
        } catch (e) {
          // The customer sees why in words, in place; the status still says what happened.
          if (!(e instanceof AppError)) throw e
          set.status = errorStatus[e.code]
          if (e.retryAfter) set.headers['retry-after'] = String(e.retryAfter)
          const message =
            e.code === 'not_found' ? 'No receipt has that code. Check it against your receipt.' : e.message
          return ClaimResultView({ outcome: { ok: false, message } })
        }
      },
      { auth: 'consumer', body: z.object({ code: z.string().trim().min(1).max(40) }).loose() },
    )
}
