// The merchant's view of POS transactions: state, reason, filters and search. Runs in the
// tenant's scope; the contact shown is masked like everywhere else in staff lists.
import { and, desc, eq, gt, ilike, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../infra/db'
import { inTenant, type TenantScope } from '../../infra/scope'
import { maskEmail, maskPhone, members } from '../../members'
import type { PosProvider } from '../registry'
import { posTransactions, type TransactionState } from '../pos.schema'
import { reasonText } from './reasons'

export type TransactionFilter = {
  id?: string
  state?: TransactionState
  provider?: PosProvider
  /** Provider transaction id fragment, or the last digits of a phone, or an email fragment. */
  q?: string
  /** Only rows created after this id's row (the portal's "new rows" poll). */
  after?: Date
  before?: Date
  limit?: number
}

export type TransactionView = {
  id: string
  provider: PosProvider
  providerTransactionId: string
  occurredAt: Date
  createdAt: Date
  currency: string
  totalMinor: number
  state: TransactionState
  reason: string | null
  reasonText: string | null
  pointsAwarded: number
  pointsReversed: number
  refundedMinor: number
  duplicates: number
  ruleVersionId: string | null
  explanation: string | null
  memberId: string | null
  contact: string | null
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

function contactOf(
  identity: { phone?: string; email?: string },
  member: { phone: string | null; email: string | null } | null,
): string | null {
  const phone = member?.phone ?? identity.phone
  const email = member?.email ?? identity.email
  return phone ? maskPhone(phone) : email ? maskEmail(email) : null
}

export async function listTransactions(
  db: Db,
  scope: TenantScope,
  f: TransactionFilter = {},
): Promise<TransactionView[]> {
  const where: SQL[] = [eq(posTransactions.tenantId, scope.tenantId)]
  if (f.id) where.push(eq(posTransactions.id, f.id))
  if (f.state === 'duplicate') where.push(gt(posTransactions.duplicates, 0))
  else if (f.state) where.push(eq(posTransactions.state, f.state))
  if (f.provider) where.push(eq(posTransactions.provider, f.provider))
  if (f.after) where.push(gt(posTransactions.createdAt, f.after))
  if (f.before) where.push(lt(posTransactions.createdAt, f.before))
  const q = f.q?.trim()
  if (q) {
    const like = `%${escapeLike(q)}%`
    const digits = q.replace(/\D/g, '')
    const any = [
      ilike(posTransactions.providerTransactionId, like),
      sql`${posTransactions.identity}->>'email' ilike ${like}`,
      ilike(members.email, like),
    ]
    if (digits.length >= 3)
      any.push(sql`${posTransactions.identity}->>'phone' like ${`%${digits}%`}`, ilike(members.phone, `%${digits}%`))
    where.push(or(...any)!)
  }
  const rows = await inTenant(db, scope, (tx) =>
    tx
      .select({ t: posTransactions, m: { phone: members.phone, email: members.email } })
      .from(posTransactions)
      .leftJoin(members, eq(members.id, posTransactions.memberId))
      .where(and(...where))
      .orderBy(desc(posTransactions.createdAt), desc(posTransactions.id))
      .limit(Math.min(f.limit ?? 50, 200)),
  )
  return rows.map(({ t, m }) => ({
    id: t.id,
    provider: t.provider,
    providerTransactionId: t.providerTransactionId,
    occurredAt: t.occurredAt,
    createdAt: t.createdAt,
    currency: t.currency,
    totalMinor: t.totalMinor,
    state: t.state,
    reason: t.reason,
    reasonText: reasonText(t.reason),
    pointsAwarded: t.pointsAwarded,
    pointsReversed: t.pointsReversed,
    refundedMinor: t.refundedMinor,
    duplicates: t.duplicates,
    ruleVersionId: t.ruleVersionId,
    explanation: t.explanation,
    memberId: t.memberId,
    contact: contactOf(t.identity, m && (m.phone || m.email) ? m : null),
  }))
}
