// Members with opening balances from another loyalty system. A dry run answers exactly what the
// real run would do (accepted, rejected with reasons, duplicates merged, already imported)
// without writing; the real run writes in chunks, each its own tenant transaction under a
// per-tenant import lock, so a rerun of the same file (or two owners clicking at once) imports
// nothing twice: members are matched by phone/email, balances by the ledger's unique effect.
import { and, eq, inArray, sql } from 'drizzle-orm'
import { recordAudit } from '../audit'
import type { Db, Tx } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { alreadyImportedMembers, creditOpeningBalances, wallets } from '../ledger'
import { members } from '../members'
import { newId } from '../shared/ids'
import { type PlannedMember, planMemberImport, type Rejection } from './plan-member-import'

const CHUNK = 1_000
const EXPLANATION = 'Points brought over from your previous loyalty programme'

export type ImportReport = {
  accepted: number
  rejected: Rejection[]
  duplicates: number
  imported?: number
  already_imported: number
  new_members: number
}
export type ImportInput = { csv: string; dryRun: boolean; actorUserId: string; now: Date }

type Existing = { id: string; phone: string | null; email: string | null }

/**
 * Each planned member's existing match, or a refusal: when its phone and its email name two
 * members, or when an earlier row of the file already matched the same member (the file names
 * them apart, the shop knows them as one, and a member gets one opening balance ever).
 * `claimed` carries the matched members from chunk to chunk, so the dry run refuses the same.
 */
function matchExisting(chunk: PlannedMember[], found: Existing[], claimed: Map<string, number>) {
  const byPhone = new Map(found.filter((m) => m.phone).map((m) => [m.phone!, m]))
  const byEmail = new Map(found.filter((m) => m.email).map((m) => [m.email!, m]))
  return chunk.map((p) => {
    const a = p.phone ? byPhone.get(p.phone) : undefined
    const b = p.email ? byEmail.get(p.email) : undefined
    if (a && b && a.id !== b.id)
      return { plan: p, conflict: 'its phone and its email belong to two different existing members' }
    const existing = a ?? b
    const earlier = existing && claimed.get(existing.id)
    if (earlier)
      return { plan: p, conflict: `it names the same existing member as row ${earlier}: put them on one row` }
    if (existing) claimed.set(existing.id, p.lines[0]!)
    return { plan: p, existing }
  })
}

async function findExisting(tx: Tx, scope: TenantScope, chunk: PlannedMember[]): Promise<Existing[]> {
  const phones = chunk.flatMap((p) => (p.phone ? [p.phone] : []))
  const emails = chunk.flatMap((p) => (p.email ? [p.email] : []))
  // Two lookups, each on its own unique index; an OR of both lists would scan the table.
  const cols = { id: members.id, phone: members.phone, email: members.email }
  const byPhone = phones.length
    ? await tx
        .select(cols)
        .from(members)
        .where(and(eq(members.tenantId, scope.tenantId), inArray(members.phone, phones)))
    : []
  const byEmail = emails.length
    ? await tx
        .select(cols)
        .from(members)
        .where(and(eq(members.tenantId, scope.tenantId), inArray(members.email, emails)))
    : []
  return [...byPhone, ...byEmail]
}

async function importChunk(
  tx: Tx,
  scope: TenantScope,
  chunk: PlannedMember[],
  input: ImportInput,
  report: ImportReport,
  claimed: Map<string, number>,
) {
  // One import per shop at a time: the "already imported?" reads below stay true until commit.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`import:${scope.tenantId}`}, 0))`)
  const matched = matchExisting(chunk, await findExisting(tx, scope, chunk), claimed)
  const ok: { plan: PlannedMember; memberId: string; isNew: boolean }[] = []
  for (const m of matched) {
    if (m.conflict) report.rejected.push({ row: m.plan.lines[0]!, reason: m.conflict })
    else ok.push({ plan: m.plan, memberId: m.existing?.id ?? newId('mbr', input.now.getTime()), isNew: !m.existing })
  }
  const done = await alreadyImportedMembers(
    tx,
    scope,
    ok.filter((o) => !o.isNew).map((o) => o.memberId),
  )
  report.accepted += ok.length
  report.new_members += ok.filter((o) => o.isNew).length
  report.already_imported += done.size
  if (input.dryRun) return
  const fresh = ok.filter((o) => o.isNew)
  if (fresh.length) {
    await tx.insert(members).values(
      fresh.map((o) => ({
        id: o.memberId,
        tenantId: scope.tenantId,
        phone: o.plan.phone,
        email: o.plan.email,
        name: o.plan.name,
        createdAt: input.now,
      })),
    )
  }
  const ids = ok.map((o) => o.memberId)
  if (!ids.length) return
  await tx
    .insert(wallets)
    .values(
      ids.map((memberId) => ({
        id: newId('wal', input.now.getTime()),
        tenantId: scope.tenantId,
        memberId,
        createdAt: input.now,
      })),
    )
    .onConflictDoNothing()
  const walletOf = new Map(
    (
      await tx
        .select({ id: wallets.id, memberId: wallets.memberId })
        .from(wallets)
        .where(and(eq(wallets.tenantId, scope.tenantId), inArray(wallets.memberId, ids)))
    ).map((w) => [w.memberId, w.id]),
  )
  const items = ok.map((o) => ({ memberId: o.memberId, walletId: walletOf.get(o.memberId)!, points: o.plan.points }))
  report.imported = (report.imported ?? 0) + (await creditOpeningBalances(tx, scope, items, EXPLANATION, input.now))
}

export async function importMembers(
  db: Db,
  scope: TenantScope,
  input: ImportInput,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport | { error: string }> {
  const plan = planMemberImport(input.csv)
  if ('error' in plan) return plan
  const report: ImportReport = {
    accepted: 0,
    rejected: [...plan.rejected],
    duplicates: plan.duplicates,
    already_imported: 0,
    new_members: 0,
    ...(input.dryRun ? {} : { imported: 0 }),
  }
  const claimed = new Map<string, number>()
  for (let i = 0; i < plan.members.length; i += CHUNK) {
    await inTenant(db, scope, (tx) => importChunk(tx, scope, plan.members.slice(i, i + CHUNK), input, report, claimed))
    onProgress?.(Math.min(i + CHUNK, plan.members.length), plan.members.length)
  }
  report.rejected.sort((a, b) => a.row - b.row)
  if (!input.dryRun) {
    await inTenant(db, scope, (tx) =>
      recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'members.import',
        target: { type: 'tenant', id: scope.tenantId, tenantId: scope.tenantId },
        before: null,
        after: {
          accepted: report.accepted,
          imported: report.imported,
          new_members: report.new_members,
          duplicates: report.duplicates,
          rejected: report.rejected.length,
        },
        reason: 'member import from CSV',
        at: input.now,
      }),
    )
  }
  return report
}
