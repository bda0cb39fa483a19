// Members with opening balances from another loyalty system. A dry run answers exactly what the
// real run would do (accepted, rejected with reasons, duplicates merged, already imported)
// without writing; the real run writes in chunks, each its own tenant transaction under a
// per-tenant import lock, so a rerun of the same file (or two owners clicking at once) imports
// nothing twice: members are matched by phone/email, balances by the ledger's unique effect.
// A chunk costs a handful of statements whatever its size (lookups, new members, credits), so
// 100k rows import in well under a minute (bench:import-export, ADR 0032).
import { sql } from 'drizzle-orm'
import { recordAudit } from '../audit'
import type { Db, Tx } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { alreadyImportedMembers, creditOpeningBalances } from '../ledger'
import { newId } from '../shared/ids'
import { type ExistingMatch, findExistingMembers, insertMembers } from './existing-members'
import { type PlannedMember, planMemberImport, type Rejection } from './plan-member-import'

/** Rows per transaction: big enough that statements, not round trips, are the cost. */
const CHUNK = 5_000
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

type Accepted = { plan: PlannedMember; memberId: string; isNew: boolean }

/**
 * Each planned member's existing match, or a refusal: when its phone and its email name two
 * members, or when an earlier row of the file already matched the same member (the file names
 * them apart, the shop knows them as one, and a member gets one opening balance ever).
 * `claimed` carries the matched members from chunk to chunk, so the dry run refuses the same.
 */
function matchExisting(
  chunk: PlannedMember[],
  found: ExistingMatch[],
  claimed: Map<string, number>,
  newMemberId: () => string,
): { accepted: Accepted[]; rejected: Rejection[] } {
  const accepted: Accepted[] = []
  const rejected: Rejection[] = []
  chunk.forEach((plan, i) => {
    const { byPhone, byEmail } = found[i]!
    const row = plan.lines[0]!
    if (byPhone && byEmail && byPhone !== byEmail) {
      rejected.push({ row, reason: 'its phone and its email belong to two different existing members' })
      return
    }
    const existing = byPhone ?? byEmail
    if (!existing) {
      accepted.push({ plan, memberId: newMemberId(), isNew: true })
      return
    }
    const earlier = claimed.get(existing)
    if (earlier !== undefined) {
      rejected.push({ row, reason: `it names the same existing member as row ${earlier}: put them on one row` })
      return
    }
    claimed.set(existing, row)
    accepted.push({ plan, memberId: existing, isNew: false })
  })
  return { accepted, rejected }
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
  const { accepted, rejected } = matchExisting(chunk, await findExistingMembers(tx, scope, chunk), claimed, () =>
    newId('mbr', input.now.getTime()),
  )
  const done = await alreadyImportedMembers(
    tx,
    scope,
    accepted.filter((a) => !a.isNew).map((a) => a.memberId),
  )
  const fresh = accepted.filter((a) => a.isNew)
  report.rejected.push(...rejected)
  report.accepted += accepted.length
  report.new_members += fresh.length
  report.already_imported += done.size
  if (input.dryRun) return
  await insertMembers(
    tx,
    scope,
    fresh.map((a) => ({ id: a.memberId, phone: a.plan.phone, email: a.plan.email, name: a.plan.name })),
    input.now,
  )
  const todo = accepted.filter((a) => !done.has(a.memberId))
  report.imported =
    (report.imported ?? 0) +
    (await creditOpeningBalances(
      tx,
      scope,
      todo.map((a) => ({ memberId: a.memberId, points: a.plan.points })),
      EXPLANATION,
      input.now,
    ))
}

export async function importMembers(
  db: Db,
  scope: TenantScope,
  input: ImportInput,
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
    const chunk = plan.members.slice(i, i + CHUNK)
    await inTenant(db, scope, (tx) => importChunk(tx, scope, chunk, input, report, claimed))
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
