// Sign-in linking and sale processing run in different transactions and each reads what the
// other writes (the user's verified contact / the member carrying it). Without a common lock,
// both can read before the other commits and neither links (write skew). Both take these
// transaction-scoped advisory locks on the contact values first, so one always sees the other.
import type { Tx } from '../infra/db'
import { runPrepared } from '../infra/prepared'

/**
 * Locks each normalised phone or email until the transaction ends. Sorted, so two callers
 * locking overlapping sets always take them in the same order and cannot deadlock each other:
 * the statements are all sent at once, in that order, and the connection runs them in turn.
 */
export async function lockContacts(tx: Tx, contacts: readonly (string | null | undefined)[]): Promise<void> {
  const keys = [...new Set(contacts.filter((c): c is string => !!c))].sort()
  await Promise.all(
    keys.map((k) => runPrepared(tx, 'select pg_advisory_xact_lock(hashtextextended($1, 0))', [`contact:${k}`])),
  )
}
