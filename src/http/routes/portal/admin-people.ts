// Admin console: people and balance corrections. The lookup and the adjustment are the same use
// cases the JSON API calls (findPerson, adjustBalance, which writes the audit record with
// before/after in the adjustment's own transaction); this only reads forms and renders.
import { Elysia } from 'elysia'
import { z } from 'zod'
import {
  AdjustAnswer,
  type AdjustedEntry,
  type AdjustErrors,
  AdminPeoplePage,
  type PersonCard,
  SearchResults,
} from '../../../../views/admin/people'
import { withIdempotency } from '../../../idempotency'
import type { AppDeps } from '../../../infra/deps'
import { adjustBalance, entryJson, walletTenant } from '../../../ledger'
import { findPerson, maskEmail, maskPhone, normalizeEmail, normalizePhone, type PersonMember } from '../../../members'
import { AppError } from '../../../shared/errors'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { portalChrome } from './chrome'
import { redirect } from './portal-helpers'

const searchBody = z.object({ q: z.string().max(254).default('') }).loose()
const adjustBody = z
  .object({ points: z.string().max(20).default(''), reason: z.string().max(2000).default(''), request_key: z.uuid() })
  .loose()

/** Both masked signals: which one matched is the admin's own query, not something to reveal in full. */
const contactOf = (m: PersonMember) =>
  [m.phone && maskPhone(m.phone), m.email && maskEmail(m.email)].filter(Boolean).join(' · ') || 'No contact details'

const card = (m: PersonMember): PersonCard => ({
  memberId: m.memberId,
  tenantName: m.tenantName,
  contact: contactOf(m),
  linked: m.userId !== null,
  wallet: m.walletId ? { id: m.walletId, balance: m.balance ?? 0 } : null,
})

/** One box for both: an @ means email; anything else must parse as a phone number. */
function readQuery(q: string): { phone: string } | { email: string } | null {
  const text = q.trim()
  if (text.includes('@')) return normalizeEmail(text) ? { email: text } : null
  return normalizePhone(text) ? { phone: text } : null
}

/**
 * The form's own checks, before the use case: they are what a person fixes by retyping, and
 * catching them here keeps the attempt's request key unspent. adjustBalance checks again.
 */
function readAdjustment(
  body: z.infer<typeof adjustBody>,
): { ok: true; points: number; reason: string } | { ok: false; errors: AdjustErrors } {
  const errors: AdjustErrors = {}
  const points = /^[+-]?\d{1,9}$/.test(body.points.trim()) ? Number(body.points.trim()) : Number.NaN
  if (!Number.isSafeInteger(points) || points === 0)
    errors.points = 'Enter a whole number of points other than zero, e.g. 50 or -20'
  const reason = body.reason.trim()
  if (!reason) errors.reason = 'Give a reason: it is kept in the audit log'
  else if (reason.length > 500) errors.reason = 'Keep the reason under 500 characters'
  return errors.points || errors.reason ? { ok: false, errors } : { ok: true, points, reason }
}

export function adminPeoplePortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-admin-people' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/admin/people',
      async ({ actor, csrfToken }) =>
        AdminPeoplePage({
          chrome: await portalChrome(db, actor, csrfToken(), '/admin/people'),
          people: [],
          searched: false,
        }),
      { auth: 'admin' },
    )
    .post(
      '/admin/people/search',
      async ({ actor, body, csrfToken, request, set }) => {
        const by = readQuery(body.q)
        const people = by ? (await findPerson(db, by)).map(card) : []
        const error = by ? undefined : 'Enter a phone number or an email address'
        if (error) set.status = 422
        if (request.headers.get('hx-request') === 'true')
          return SearchResults({ people, error, csrfToken: csrfToken(), searched: true })
        return AdminPeoplePage({
          chrome: await portalChrome(db, actor, csrfToken(), '/admin/people'),
          people,
          error,
          searched: true,
        })
      },
      { auth: 'admin', body: searchBody },
    )
    .post(
      '/admin/wallets/:walletId/adjustments',
      async ({ actor, params, body, request, set }) => {
        const htmx = request.headers.get('hx-request') === 'true'
        const answer = (errors: AdjustErrors, entry?: AdjustedEntry) =>
          AdjustAnswer({ walletId: params.walletId, errors, requestKey: crypto.randomUUID(), entry })
        const tenantId = await walletTenant(db, params.walletId)
        const input = readAdjustment(body)
        if (!input.ok) {
          if (!htmx)
            throw new AppError('validation_failed', input.errors.points ?? input.errors.reason ?? 'Check the form')
          set.status = 422
          return answer(input.errors)
        }
        const now = deps.clock()
        const reply = await withIdempotency(
          db,
          {
            tenantId,
            callerId: actor.userId,
            key: `portal:${body.request_key}`,
            route: 'POST /admin/wallets/:walletId/adjustments',
            body: { wallet_id: params.walletId, points: input.points, reason: input.reason },
            now,
          },
          async (tx) => ({
            status: 201,
            body: entryJson(
              await adjustBalance(tx, tenantId, {
                walletId: params.walletId,
                points: input.points,
                reason: input.reason,
                actorUserId: actor.userId,
                now,
              }),
            ),
          }),
        )
        if (reply.status !== 201) {
          // A refusal by the ledger itself (e.g. not enough points to remove): shown on the form.
          const message =
            (reply.body as { error?: { message?: string } }).error?.message ?? 'The adjustment was refused'
          if (!htmx) throw new AppError('validation_failed', message)
          set.status = 422
          return answer({ form: message })
        }
        if (!htmx) return redirect(set, `/admin/audit?target_id=${encodeURIComponent(params.walletId)}`)
        return answer({}, reply.body as AdjustedEntry)
      },
      { auth: 'admin', body: adjustBody },
    )
}
