// Merchant portal: the team page. The same use cases as the JSON API (invite, change a role,
// remove with the sessions ending at once); this reads forms and renders the #team section.
import { Elysia, t } from 'elysia'
import { type InviteRow, type TeamErrors, TeamPage, type TeamRow, TeamSection } from '../../../../views/merchant/team'
import type { Actor } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { inTenant } from '../../../infra/scope'
import { AppError } from '../../../shared/errors'
import { changeTeamRole, listPendingInvites, listTeam } from '../../../tenancy'
import { authPlugin, type MerchantActor, merchantScope } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { invite, readRole, removeMember, teamContact } from '../api/merchant-team'

async function section(deps: AppDeps, actor: Actor, extra: { errors?: TeamErrors; notice?: string } = {}) {
  const scope = merchantScope(actor)
  const full = actor.tenant?.role === 'merchant_owner'
  const [team, invites] = await inTenant(
    deps.dbh.db,
    scope,
    async (tx) => [await listTeam(tx, scope), full ? await listPendingInvites(tx, scope) : []] as const,
  )
  return {
    team: team.map(
      (m): TeamRow => ({
        userId: m.userId,
        role: m.role,
        contact: teamContact(m, full),
        lastSignIn: m.lastSignInAt?.toISOString() ?? null,
        isYou: m.userId === actor.userId,
      }),
    ),
    invites: invites.map(
      (i): InviteRow => ({ id: i.id, role: i.role, contact: teamContact(i, true), sent: i.createdAt.toISOString() }),
    ),
    canEdit: full,
    errors: extra.errors ?? {},
    notice: extra.notice,
  }
}

/** A refusal the owner can act on (bad input, last owner, already on the team) stays on the page. */
async function orShowError(
  deps: AppDeps,
  actor: Actor,
  csrfToken: string,
  set: { status?: number | string },
  run: () => Promise<string>,
) {
  try {
    return TeamSection({ ...(await section(deps, actor, { notice: await run() })), csrfToken })
  } catch (e) {
    if (!(e instanceof AppError) || !['validation_failed', 'rule_violation', 'conflict', 'not_found'].includes(e.code))
      throw e
    set.status = e.status
    const errors: TeamErrors = e.fields?.destination
      ? { destination: e.message }
      : e.fields?.role
        ? { role: e.message }
        : { form: e.message }
    return TeamSection({ ...(await section(deps, actor, { errors })), csrfToken })
  }
}

const form = t.Object({
  destination: t.Optional(t.String({ maxLength: 254 })),
  role: t.Optional(t.String({ maxLength: 20 })),
})

export function merchantTeamPortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-merchant-team' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/merchant/team',
      async ({ actor, csrfToken }) => TeamPage({ csrfToken: csrfToken(), section: await section(deps, actor) }),
      { auth: 'merchant' },
    )
    .post(
      '/merchant/team/invites',
      async ({ actor, body, request, set, csrfToken }) =>
        orShowError(deps, actor, csrfToken(), set, async () => {
          await invite(deps, actor as MerchantActor, request, body)
          return 'Invitation sent.'
        }),
      { auth: 'merchant_owner', body: form },
    )
    .post(
      '/merchant/team/:userId/role',
      async ({ actor, params, body, set, csrfToken }) =>
        orShowError(deps, actor, csrfToken(), set, async () => {
          const scope = merchantScope(actor)
          const role = readRole(body.role)
          await inTenant(deps.dbh.db, scope, (tx) =>
            changeTeamRole(tx, scope, { userId: params.userId, role, actorUserId: actor.userId, now: deps.clock() }),
          )
          return 'Role saved.'
        }),
      { auth: 'merchant_owner', body: form },
    )
    .post(
      '/merchant/team/:userId/remove',
      async ({ actor, params, set, csrfToken }) =>
        orShowError(deps, actor, csrfToken(), set, async () => {
          await removeMember(deps, actor as MerchantActor, params.userId)
          return 'Removed. They were signed out of this shop.'
        }),
      { auth: 'merchant_owner' },
    )
}
