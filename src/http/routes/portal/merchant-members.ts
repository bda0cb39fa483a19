// Merchant members: list with search (htmx swaps only the rows), a page at a time (keyset
// cursor in the "Older members" link), and a member's page (balance, lots and expiry, POS ids,
// history, and the owner's adjustment, issue 14.3).
import { Elysia, t } from 'elysia'
import { z } from 'zod'
import {
  type AdjustFormState,
  type MemberDetail,
  MemberBalance,
  MemberDetailPage,
} from '../../../../views/merchant/member-detail'
import { MemberRows, MembersPage } from '../../../../views/merchant/members'
import type { Actor } from '../../../auth'
import { withIdempotency } from '../../../idempotency'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { entryJson, walletLots, walletStatement } from '../../../ledger'
import {
  decodeMemberCursor,
  encodeMemberCursor,
  getMember,
  listMembers,
  type MemberRow,
  type MerchantRole,
  memberContact,
  posIdsOf,
} from '../../../members'
import { AppError, notFound } from '../../../shared/errors'
import { getTenant } from '../../../tenancy'
import { authPlugin, type MerchantActor, merchantScope } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { adjustMember } from '../api/merchant-members'
import { ledgerRows } from './portal-helpers'

// What each viewer sees of a contact is memberContact's decision (the same as the API's): staff
// get the POS name and masked contacts on the list and on the member's page alike.
const listRow = (m: MemberRow, role: MerchantRole) => ({
  id: m.id,
  contact: memberContact(m, role),
  balance: m.balance,
  linked: m.userId !== null,
  joined: m.createdAt.toISOString(),
})

/** "YYYY-MM-DD HH:MM" in the shop's zone: expiry is a moment the shop's members live in. */
const inZone = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(d)
    .replace(',', '')

async function memberDetail(deps: AppDeps, actor: Actor, memberId: string): Promise<MemberDetail> {
  const db = deps.dbh.db
  const scope = merchantScope(actor)
  const found = await inTenant(db, scope, async (tx) => {
    const m = await getMember(tx, scope, memberId)
    return m ? { m, posIds: await posIdsOf(tx, scope, m.id) } : null
  })
  if (!found) throw notFound('Member')
  const { m, posIds } = found
  const timeZone = (await getTenant(db, scope.tenantId))?.timeZone ?? 'UTC'
  const [entries, lots] = m.walletId
    ? await Promise.all([walletStatement(db, scope, m.walletId), walletLots(db, scope, m.walletId)])
    : [[], []]
  return {
    id: m.id,
    contact: memberContact(m, actor.tenant?.role ?? 'merchant_staff'),
    linked: m.userId !== null,
    joined: inZone(m.createdAt, timeZone).slice(0, 10),
    timeZone,
    balance: m.balance,
    lots: lots.map((l) => ({
      remaining: l.remaining,
      earned: inZone(l.createdAt, timeZone).slice(0, 10),
      expires: l.expiresAt ? inZone(l.expiresAt, timeZone) : null,
    })),
    posIds: posIds.map((x) => ({
      provider: x.provider,
      customerId: x.externalCustomerId,
      since: inZone(x.since, timeZone).slice(0, 10),
    })),
    rows: ledgerRows(entries),
  }
}

const adjustBody = z
  .object({ points: z.string().max(20).default(''), reason: z.string().max(2000).default(''), request_key: z.uuid() })
  .loose()

/** The form's own checks, so a typo does not spend the attempt's request key. */
function readAdjustment(
  body: z.infer<typeof adjustBody>,
): { ok: true; points: number; reason: string } | { ok: false; errors: AdjustFormState['errors'] } {
  const points = /^[+-]?\d{1,9}$/.test(body.points.trim()) ? Number(body.points.trim()) : Number.NaN
  const reason = body.reason.trim()
  const errors: AdjustFormState['errors'] = {}
  if (!Number.isSafeInteger(points) || points === 0)
    errors.points = 'Enter a whole number of points other than zero, e.g. 50 or -20'
  if (!reason) errors.reason = 'Give a reason: it is kept in the audit log'
  else if (reason.length > 500) errors.reason = 'Keep the reason under 500 characters'
  return errors.points || errors.reason ? { ok: false, errors } : { ok: true, points, reason }
}

export function merchantMembersPortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-merchant-members' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/merchant/members',
      async ({ actor, query, request, set }) => {
        const scope = merchantScope(actor)
        const q = query.q ?? ''
        const after = query.cursor ? decodeMemberCursor(query.cursor) : null
        if (query.cursor && !after)
          throw new AppError('validation_failed', 'That link to more members is not valid', {
            fields: { cursor: 'is invalid' },
          })
        const page = await inTenant(db, scope, (tx) => listMembers(tx, scope, { q, after }))
        const role = actor.tenant?.role ?? 'merchant_staff'
        const rows = page.rows.map((m) => listRow(m, role))
        const next = page.next
          ? `/merchant/members?${new URLSearchParams({ ...(q && { q }), cursor: encodeMemberCursor(page.next) })}`
          : null
        set.headers.vary = 'HX-Request'
        return request.headers.get('hx-request') === 'true'
          ? MemberRows({ rows, next })
          : MembersPage({ rows, q, next })
      },
      {
        auth: 'merchant',
        query: t.Object({
          q: t.Optional(t.String({ maxLength: 100 })),
          cursor: t.Optional(t.String({ maxLength: 200 })),
        }),
      },
    )
    .get(
      '/merchant/members/:memberId',
      async ({ actor, params, csrfToken }) =>
        MemberDetailPage({
          m: await memberDetail(deps, actor, params.memberId),
          canAdjust: actor.tenant?.role === 'merchant_owner',
          csrfToken: csrfToken(),
          adjust: { requestKey: crypto.randomUUID(), errors: {} },
        }),
      { auth: 'merchant' },
    )
    .post(
      '/merchant/members/:memberId/adjustments',
      async ({ actor, params, body, set, csrfToken }) => {
        const scope = merchantScope(actor)
        const answer = async (adjust: AdjustFormState) =>
          MemberBalance({
            m: await memberDetail(deps, actor, params.memberId),
            canAdjust: true,
            csrfToken: csrfToken(),
            adjust,
          })
        const input = readAdjustment(body)
        if (!input.ok) {
          set.status = 422
          return answer({
            requestKey: body.request_key,
            errors: input.errors,
            points: body.points,
            reason: body.reason,
          })
        }
        const { points, reason } = input
        const now = deps.clock()
        const reply = await withIdempotency(
          db,
          {
            tenantId: scope.tenantId,
            callerId: actor.userId,
            key: `portal:${body.request_key}`,
            route: 'POST /merchant/members/:memberId/adjustments',
            body: { member_id: params.memberId, points, reason },
            now,
          },
          async (tx) => ({
            status: 201,
            body: entryJson(await adjustMember(tx, actor as MerchantActor, params.memberId, { points, reason, now })),
          }),
        )
        if (reply.status === 404) throw notFound('Member')
        if (reply.status !== 201) {
          set.status = 422
          const message =
            (reply.body as { error?: { message?: string } }).error?.message ?? 'The adjustment was refused'
          return answer({
            requestKey: crypto.randomUUID(),
            errors: { form: message },
            points: body.points,
            reason: body.reason,
          })
        }
        const entry = reply.body as { points: number; balance_after: number }
        return answer({
          requestKey: crypto.randomUUID(),
          errors: {},
          notice: `${entry.points > 0 ? 'Added' : 'Removed'} ${Math.abs(entry.points)} points; the balance is now ${entry.balance_after}.`,
        })
      },
      { auth: 'merchant_owner', body: adjustBody },
    )
}
