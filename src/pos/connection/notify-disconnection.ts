// The one email a merchant gets when a POS connection stops working. Sent only when the state
// machine says so (entering disconnected/revoked from a working state), so an outage that
// produces a hundred failures still produces one email.
import { and, eq, isNotNull } from 'drizzle-orm'
import type { AppDeps } from '../../infra/deps'
import { log } from '../../infra/logger'
import { inTenant } from '../../infra/scope'
import { sendMessage } from '../../notify'
import type { Connection } from './connections.repo'
import { providerName } from '../registry'
import { memberships, users } from '../../infra/schema'

export async function emailOwnersAboutDisconnection(deps: AppDeps, c: Connection): Promise<void> {
  const owners = await inTenant(deps.dbh.db, { tenantId: c.tenantId }, (tx) =>
    tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, c.tenantId), eq(memberships.role, 'merchant_owner'), isNotNull(users.email))),
  )
  const name = providerName(c.provider)
  const link = new URL('/merchant/connections', deps.config.APP_BASE_URL).toString()
  for (const { email } of owners) {
    if (!email) continue
    // The reason is ours (state machine / OAuthError.reason), never provider text or a token.
    await sendMessage(deps, {
      channel: 'email',
      to: email,
      subject: `${name} is disconnected from SalesArck`,
      body: `Your ${name} connection stopped working (${c.statusReason ?? 'access ended'}). Sales are not earning points until you reconnect: ${link}`,
    }).catch((e) => log.error({ err: e, connectionId: c.id }, 'could not send the disconnection email'))
  }
}
