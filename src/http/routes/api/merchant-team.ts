// The shop's team (api-v1.md): list (contacts masked for staff), invite by email or phone,
// change a role, remove someone (their sessions for this shop end in the same transaction).
// Owner-only writes; each is audited by the tenancy module.
import { Elysia, t } from 'elysia'
import { normalizeDestination, revokeTenantSessions } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { maskEmail, maskPhone } from '../../../members'
import { AppError } from '../../../shared/errors'
import {
  changeTeamRole,
  inviteToTeam,
  isTeamRole,
  listTeam,
  removeFromTeam,
  sendTeamInvite,
  type TeamMember,
  type TeamRole,
} from '../../../tenancy'
import { idempotentReply } from '../../idempotent'
import { authPlugin, type MerchantActor, merchantScope } from '../../plugins/auth'

/** What a team row shows: the full contact to owners, a masked one to staff. */
export function teamContact(m: Pick<TeamMember, 'email' | 'phone'>, full: boolean): string {
  if (m.email) return full ? m.email : maskEmail(m.email)
  if (m.phone) return full ? m.phone : maskPhone(m.phone)
  return ''
}

export const teamJson = (m: TeamMember, full: boolean) => ({
  user_id: m.userId,
  role: m.role,
  destination: teamContact(m, full),
  ...(m.lastSignInAt ? { last_sign_in_at: m.lastSignInAt.toISOString() } : {}),
})

export function readRole(raw: unknown): TeamRole {
  if (!isTeamRole(raw))
    throw new AppError('validation_failed', 'Choose a role', {
      fields: { role: 'must be merchant_owner or merchant_staff' },
    })
  return raw
}

/** Records the invitation; the message goes out after commit, and not again on a replay. */
export async function invite(
  deps: AppDeps,
  actor: MerchantActor,
  request: Request,
  raw: { destination?: unknown; role?: unknown },
) {
  const to = typeof raw.destination === 'string' ? normalizeDestination(raw.destination) : null
  if (!to)
    throw new AppError('validation_failed', 'Enter an email address or a phone number with its country code', {
      fields: { destination: 'must be an email or a +phone number' },
    })
  const role = readRole(raw.role)
  const scope = merchantScope(actor)
  const now = deps.clock()
  const res = await idempotentReply(
    {
      db: deps.dbh.db,
      request,
      tenantId: scope.tenantId,
      callerId: actor.userId,
      route: 'POST /api/v1/merchant/team/invites',
      body: { destination: to.value, role },
      now,
    },
    async (tx) => ({
      status: 201,
      body: { invite_id: (await inviteToTeam(tx, scope, { to, role, actorUserId: actor.userId, now })).inviteId },
    }),
  )
  if (res.status === 201 && !res.headers.has('idempotent-replayed'))
    await sendTeamInvite(deps, to, actor.tenant.name, role)
  return res
}

export async function removeMember(deps: AppDeps, actor: MerchantActor, userId: string): Promise<void> {
  const scope = merchantScope(actor)
  const now = deps.clock()
  await inTenant(deps.dbh.db, scope, async (tx) => {
    await removeFromTeam(tx, scope, { userId, actorUserId: actor.userId, now })
    await revokeTenantSessions(tx, userId, scope.tenantId, 'removed_from_team', now)
  })
}

export function merchantTeamApi(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'api-merchant-team' })
    .use(authPlugin(deps))
    .get(
      '/api/v1/merchant/team',
      async ({ actor }) => {
        const scope = merchantScope(actor)
        const full = actor.tenant?.role === 'merchant_owner'
        return (await inTenant(db, scope, (tx) => listTeam(tx, scope))).map((m) => teamJson(m, full))
      },
      {
        auth: 'merchant',
        detail: {
          summary: 'The team: [{"user_id","role","destination","last_sign_in_at"?}]; contacts masked for staff',
        },
      },
    )
    .post(
      '/api/v1/merchant/team/invites',
      async ({ actor, body, request }) => invite(deps, actor as MerchantActor, request, body),
      {
        auth: 'merchant_owner',
        body: t.Object({ destination: t.Optional(t.Unknown()), role: t.Optional(t.Unknown()) }),
        detail: {
          summary:
            'Owner: invite {"destination": email or +phone, "role": "merchant_staff"|"merchant_owner"} → 201 {"invite_id"}; a sign-in link is sent, signing in accepts',
        },
      },
    )
    .patch(
      '/api/v1/merchant/team/:userId',
      async ({ actor, params, body }) => {
        const scope = merchantScope(actor)
        const role = readRole(body.role)
        const r = await inTenant(db, scope, (tx) =>
          changeTeamRole(tx, scope, { userId: params.userId, role, actorUserId: actor.userId, now: deps.clock() }),
        )
        return { user_id: params.userId, role: r.role }
      },
      {
        auth: 'merchant_owner',
        body: t.Object({ role: t.Optional(t.Unknown()) }),
        detail: { summary: 'Owner: change a role; the last owner cannot be made staff (422)' },
      },
    )
    .delete(
      '/api/v1/merchant/team/:userId',
      async ({ actor, params, set }) => {
        await removeMember(deps, actor as MerchantActor, params.userId)
        set.status = 204
        return null
      },
      {
        auth: 'merchant_owner',
        detail: {
          summary:
            'Owner: remove someone; their sessions for this shop end at once; the last owner cannot be removed (422)',
        },
      },
    )
}
