// Staff "Redeem a code" screen: look up → confirm. Completion uses the same use case as the
// API, so a code is used once whichever door staff come through.
import { Elysia, t } from 'elysia'
import { RedeemDone, RedeemNotFound, RedeemPage, RedeemPreview } from '../../../../views/merchant/redeem'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { completeRedemption, formatCode, previewRedemption } from '../../../ledger'
import { AppError } from '../../../shared/errors'
import { maskMember } from '../../../members'
import { authPlugin, merchantScope } from '../../plugins/auth'
import { csrfTokenOf } from './portal-helpers'

const codeBody = t.Object({ code: t.String({ maxLength: 40 }), _csrf: t.Optional(t.String()) })

/** The code as staff typed it, normalised the way codes are shown (upper case, one dash). */
function typedCode(raw: string): string {
  const s = raw
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, 20)
  return s.length === 10 ? formatCode(s) : s
}

export function merchantRedeemPortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-merchant-redeem' })
    .use(authPlugin(deps))
    .get('/merchant/redeem', (ctx) => RedeemPage({ csrfToken: csrfTokenOf(ctx) }), { auth: 'merchant' })
    .post(
      '/merchant/redeem/lookup',
      async ({ actor, body, set }) => {
        const scope = merchantScope(actor)
        const seen = await inTenant(db, scope, (tx) => previewRedemption(tx, scope, body.code)).catch((e) => {
          if (e instanceof AppError && e.code === 'not_found') return null
          throw e
        })
        if (!seen) {
          // Still a 404 (htmx 4 swaps it), but in the words staff use at the till.
          set.status = 404
          return RedeemNotFound({ typed: typedCode(body.code) })
        }
        const r = seen.redemption
        // An issued code past its time is expired for staff even before the sweeper runs.
        const state = r.status === 'issued' && r.expiresAt <= deps.clock() ? 'expired' : r.status
        return RedeemPreview({
          code: r.code,
          displayCode: formatCode(r.code),
          points: r.points,
          reward: r.rewardName,
          member: maskMember(seen),
          state,
          expiresAt: r.expiresAt.toISOString(),
        })
      },
      { auth: 'merchant', body: codeBody },
    )
    .post(
      '/merchant/redeem/complete',
      async ({ actor, body }) => {
        const scope = merchantScope(actor)
        const r = await inTenant(db, scope, (tx) =>
          completeRedemption(tx, scope, { code: body.code, staffUserId: actor.userId, now: deps.clock() }),
        )
        return RedeemDone({ points: r.points, reward: r.rewardName, displayCode: formatCode(r.code) })
      },
      { auth: 'merchant', body: codeBody },
    )
}
