// Members (lists show their wallet's balance). Every function takes the tenant scope and filters
// by it in the WHERE as well as under RLS (defence in depth); callers run them inside inTenant().
import { and, type Column, desc, eq, or, type SQL, sql } from 'drizzle-orm'
import type { Tx } from '../infra/db'
import { columnsOf, runPrepared } from '../infra/prepared'
import { verifiedUserOf } from './link-verified-user'
import type { TenantScope } from '../infra/scope'
import { newId } from '../shared/ids'
import type { MemberCursor } from './member-cursor'
import { wallets } from '../infra/schema'
import { members } from './members.schema'

export type Member = typeof members.$inferSelect
export type Identity = {
  phone?: string | null
  email?: string | null
  name?: string | null
  pos?: { provider: string; externalCustomerId: string }
}

const member = columnsOf(members)

/**
 * A member a lookup found (or the insert made), with the user a link would go to, read in the
 * same statement for a member not yet linked (linkMemberToVerifiedUser): every sale looks its
 * member up, and a separate read of users would cost it a statement more.
 */
type Found = { member: Member; verifiedUserId: string | null }

const asFound = (row: Record<string, unknown> | undefined): Found | undefined =>
  row && { member: member.row(row), verifiedUserId: (row.verified_user_id as string | null) ?? null }

// The statements of findOrCreateMember run for every sale, so they are prepared (infra/prepared.ts).
const foundColumns = `${member.list}, case when m.user_id is null and m.erased_at is null
  then (${verifiedUserOf('m.phone', 'm.email')}) end as verified_user_id`

async function byPosId(tx: Tx, scope: TenantScope, pos: NonNullable<Identity['pos']>): Promise<Found | undefined> {
  const [row] = await runPrepared(
    tx,
    `select ${foundColumns} from members m
     where m.tenant_id = $1 and m.id = (
       select member_id from member_pos_ids where tenant_id = $1 and provider = $2 and external_customer_id = $3)`,
    [scope.tenantId, pos.provider, pos.externalCustomerId],
  )
  return asFound(row)
}

async function bySignal(
  tx: Tx,
  scope: TenantScope,
  phone: string | null,
  email: string | null,
): Promise<Found | undefined> {
  if (!phone && !email) return undefined
  // Phone wins over email when they point at different members: it is what the till asks for.
  // A signal not given (null) matches nobody.
  const [row] = await runPrepared(
    tx,
    `select ${foundColumns} from members m
     where m.tenant_id = $1 and (m.phone = $2 or m.email = $3)
     order by case when m.phone = coalesce($2, '') then 0 else 1 end, m.created_at
     limit 1`,
    [scope.tenantId, phone, email],
  )
  return asFound(row)
}

/**
 * The member these signals name, created when none exists. Concurrent calls for the same person
 * converge: the unique indexes make the losing insert a no-op and the lookup runs again.
 * Signals the member lacks (a new POS id, an email where only a phone was known, a name) are
 * attached; what is known is never overwritten.
 */
export async function findOrCreateMember(
  tx: Tx,
  scope: TenantScope,
  id: { phone: string | null; email: string | null; name?: string | null; pos?: Identity['pos'] },
  now: Date,
): Promise<{ member: Member; verifiedUserId?: string | null }> {
  const byPos = id.pos ? await byPosId(tx, scope, id.pos) : undefined
  const lookedUp = byPos ?? (await bySignal(tx, scope, id.phone, id.email))
  let found = lookedUp?.member
  // Read with the lookup; not known (undefined) for a new member or one that gains a contact below.
  let verifiedUserId = lookedUp?.verifiedUserId
  if (!found) {
    const [row] = await runPrepared(
      tx,
      `insert into members as m (id, tenant_id, phone, email, name, created_at) values ($1, $2, $3, $4, $5, $6)
       on conflict do nothing returning ${foundColumns}`,
      [newId('mbr', now.getTime()), scope.tenantId, id.phone, id.email, id.name ?? null, now],
    )
    const made = asFound(row) ?? (await bySignal(tx, scope, id.phone, id.email))
    if (!made) throw new Error('member vanished after insert')
    found = made.member
    verifiedUserId = made.verifiedUserId
  }
  const patch: Partial<Member> = {}
  if (!found.phone && id.phone) patch.phone = id.phone
  if (!found.email && id.email) patch.email = id.email
  if (!found.name && id.name) patch.name = id.name
  if (Object.keys(patch).length) {
    // A signal already held by another member stays there; merging members is a separate, audited act.
    await tx.execute(sql`savepoint attach_signal`)
    try {
      await tx
        .update(members)
        .set(patch)
        .where(and(eq(members.tenantId, scope.tenantId), eq(members.id, found.id)))
      await tx.execute(sql`release savepoint attach_signal`)
      found = { ...found, ...patch }
      if (patch.phone || patch.email) verifiedUserId = undefined
    } catch {
      await tx.execute(sql`rollback to savepoint attach_signal`)
    }
  }
  // A member found by its POS id has that id on record already.
  if (id.pos && !byPos)
    await runPrepared(
      tx,
      `insert into member_pos_ids (id, tenant_id, member_id, provider, external_customer_id)
       values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [newId('mbr', now.getTime()), scope.tenantId, found.id, id.pos.provider, id.pos.externalCustomerId],
    )
  return { member: found, verifiedUserId }
}

export type MemberRow = {
  id: string
  phone: string | null
  email: string | null
  name: string | null
  userId: string | null
  walletId: string | null
  balance: number
  createdAt: Date
}

const memberRow = {
  id: members.id,
  phone: members.phone,
  email: members.email,
  name: members.name,
  userId: members.userId,
  walletId: wallets.id,
  balance: sql<number>`coalesce(${wallets.balance}, 0)`.mapWith(Number),
  createdAt: members.createdAt,
}

export type MemberPage = { rows: MemberRow[]; next: MemberCursor | null }

/** Highest code point: a prefix followed by it sorts after every string with that prefix. */
const MAX_CHAR = String.fromCodePoint(0x10ffff)

/**
 * `col` starts with `prefix`, written with the leakproof byte-wise range operators so Postgres
 * may use the text_pattern_ops index under row-level security (LIKE is not leakproof).
 */
const startsWith = (col: Column | SQL, prefix: string) =>
  sql`(${col} ~>=~ ${prefix} and ${col} ~<~ ${prefix + MAX_CHAR})`

/**
 * Members newest first, a page at a time (keyset on created_at, id: a member who joins while
 * someone pages appears before the cursor, never twice and never instead of another). `q`
 * finds members whose email or name starts with it (case-insensitive), whose phone ends
 * with its digits (3 or more), or whose id it is. Prefix and suffix rather than any fragment:
 * they have indexes that work under RLS (ADR 0020).
 */
export async function listMembers(
  tx: Tx,
  scope: TenantScope,
  opts: { q?: string; limit?: number; after?: MemberCursor | null } = {},
): Promise<MemberPage> {
  const term = (opts.q ?? '').trim()
  const digits = term.replace(/\D/g, '')
  const limit = Math.min(opts.limit ?? 50, 200)
  const filters = [eq(members.tenantId, scope.tenantId)]
  if (term) {
    const lower = term.toLowerCase()
    const any = [startsWith(members.email, lower), startsWith(members.nameLower, lower), eq(members.id, term)]
    if (digits.length >= 3) any.push(startsWith(members.phoneReversed, [...digits].reverse().join('')))
    filters.push(or(...any)!)
  }
  if (opts.after)
    filters.push(sql`(${members.createdAt}, ${members.id}) < (${opts.after.at}::timestamptz, ${opts.after.id})`)
  const rows = await tx
    .select({
      ...memberRow,
      cursorAt: sql<string>`to_char(${members.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(members)
    .leftJoin(wallets, eq(wallets.memberId, members.id))
    .where(and(...filters))
    .orderBy(desc(members.createdAt), desc(members.id))
    .limit(limit + 1)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    rows: page.map(({ cursorAt: _, ...m }) => m),
    next: rows.length > limit && last ? { at: last.cursorAt, id: last.id } : null,
  }
}

export async function getMember(tx: Tx, scope: TenantScope, memberId: string): Promise<MemberRow | null> {
  const [row] = await tx
    .select(memberRow)
    .from(members)
    .leftJoin(wallets, eq(wallets.memberId, members.id))
    .where(and(eq(members.tenantId, scope.tenantId), eq(members.id, memberId)))
  return row ?? null
}
