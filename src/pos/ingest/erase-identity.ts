// Right to erasure, ingestion side: the person's phone and email leave the sales we recorded
// (pos_transactions.identity) and the stored webhook bodies that carried them. Points, amounts,
// states and the ledger are untouched, so the books balance exactly as before.
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm'
import type { Tx } from '../../infra/db'
import { nationalDigits } from '../../members'
import { posTransactions, inboxEvents } from '../pos.schema'
import { ERASED_BODY } from './purge-bodies'

export type ErasureTarget = { memberIds: string[]; phones: string[]; emails: string[] }

/**
 * A phone can sit in a body in any local format ("+1 415-555-0111", "(415) 555 0111"): match its
 * national digits with up to two separator characters between each.
 */
const phonePattern = (phone: string) => nationalDigits(phone)?.split('').join('[^0-9]{0,2}') ?? null

/** Runs in the caller's system-scope transaction. Returns how many sales and bodies were scrubbed. */
export async function eraseIdentityFromIngest(
  tx: Tx,
  p: ErasureTarget,
): Promise<{ transactions: number; bodies: number }> {
  const sales = await tx
    .select({
      id: posTransactions.id,
      tenantId: posTransactions.tenantId,
      provider: posTransactions.provider,
      providerTransactionId: posTransactions.providerTransactionId,
      inboxEventId: posTransactions.inboxEventId,
    })
    .from(posTransactions)
    .where(
      or(
        inArray(posTransactions.memberId, p.memberIds),
        inArray(sql`${posTransactions.identity}->>'phone'`, p.phones),
        inArray(sql`${posTransactions.identity}->>'email'`, p.emails),
      ),
    )
  if (sales.length) {
    await tx
      .update(posTransactions)
      .set({ identity: sql`${posTransactions.identity} - 'phone' - 'email' - 'providerCustomerId'` })
      .where(
        inArray(
          posTransactions.id,
          sales.map((s) => s.id),
        ),
      )
  }

  // The bodies: the delivery each sale came from, every other delivery about the same sale
  // (a payment's created/updated events), and anything else carrying the phone or email.
  const carried = [
    inArray(
      inboxEvents.id,
      sales.map((s) => s.inboxEventId).filter((id): id is string => !!id),
    ),
    ...sales.map((s) =>
      and(
        eq(inboxEvents.tenantId, s.tenantId),
        eq(inboxEvents.provider, s.provider),
        sql`position(${s.providerTransactionId} in ${inboxEvents.rawBody}) > 0`,
      ),
    ),
    ...p.emails.map((e) => sql`position(${e.toLowerCase()} in lower(${inboxEvents.rawBody})) > 0`),
    ...p.phones
      .map(phonePattern)
      .filter((re): re is string => !!re)
      .map((re) => sql`${inboxEvents.rawBody} ~ ${re}`),
  ]
  const scrubbed = await tx
    .update(inboxEvents)
    .set({ rawBody: ERASED_BODY, headers: {} })
    .where(and(ne(inboxEvents.rawBody, ERASED_BODY), or(...carried)))
    .returning({ id: inboxEvents.id })
  return { transactions: sales.length, bodies: scrubbed.length }
}
