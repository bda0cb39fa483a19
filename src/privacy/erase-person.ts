// Right to erasure (api-v1 DELETE /consumer/me), across every module that holds a person's
// phone or email, in ONE system-scope transaction: either all of it is gone or none of it.
// Balances and ledger entries are not touched: the merchant's books still balance, under
// pseudonymous member ids.
import { eraseUser } from '../auth'
import type { AppDeps } from '../infra/deps'
import { asSystem } from '../infra/scope'
import { eraseMembersOf } from '../members'
import { eraseIdentityFromIngest } from '../pos'

export async function erasePerson(deps: AppDeps, userId: string): Promise<void> {
  const now = deps.clock()
  await asSystem(deps.dbh.db, async (tx) => {
    // The identity first: it locks the user row, so a concurrent erase waits and then finds nothing.
    const contacts = await eraseUser(tx, userId, now)
    if (!contacts) return
    const phones = contacts.phone ? [contacts.phone] : []
    const emails = contacts.email ? [contacts.email] : []
    const memberIds = await eraseMembersOf(tx, { userId, phones, emails }, now)
    await eraseIdentityFromIngest(tx, { memberIds, phones, emails })
  })
}
