// The birthday job: for every active shop whose active rules include a birthday gift, credit
// each signed-up member whose birthday is today in the shop's own time zone, once a year. Run
// hourly so every zone's day is seen soon after it starts; a rerun finds the year's gift already
// given (the ledger's unique effect on member + year), so it is idempotent by construction.
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { users } from '../auth'
import type { AppDeps } from '../infra/deps'
import { inTenant } from '../infra/scope'
import { earn, ensureWallet } from '../ledger'
import { members } from '../members'
import { birthdayPoints, getActiveRules, toLocalTime } from '../rules'
import { listTenants } from '../tenancy'

/** Who celebrates on a local date: 29 February birthdays are celebrated on the 28th in other years. */
export function birthdaysOn(local: { year: number; month: number; day: number }): string[] {
  const mmdd = `${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`
  const leap = (local.year % 4 === 0 && local.year % 100 !== 0) || local.year % 400 === 0
  return mmdd === '02-28' && !leap ? ['02-28', '02-29'] : [mmdd]
}

export async function grantBirthdayGifts(
  deps: AppDeps,
  now: Date = deps.clock(),
): Promise<{ tenantId: string; granted: number }[]> {
  const out: { tenantId: string; granted: number }[] = []
  for (const tenant of await listTenants(deps.dbh.db)) {
    if (tenant.status !== 'active') continue
    const points = birthdayPoints((await getActiveRules(deps, tenant.id)).ruleSet)
    if (!points) continue
    const [year, month, day] = toLocalTime(now, tenant.timeZone).stamp.slice(0, 10).split('-').map(Number) as [
      number,
      number,
      number,
    ]
    const local = { year, month, day }
    const scope = { tenantId: tenant.id }
    const granted = await inTenant(deps.dbh.db, scope, async (tx) => {
      const today = birthdaysOn(local)
      const celebrating = await tx
        .select({ memberId: members.id })
        .from(users)
        .innerJoin(members, and(eq(members.userId, users.id), eq(members.tenantId, tenant.id)))
        .where(and(inArray(users.birthday, today), isNull(members.erasedAt), isNull(users.erasedAt)))
      let n = 0
      for (const m of celebrating) {
        const wallet = await ensureWallet(tx, scope, m.memberId, now)
        const r = await earn(tx, scope, {
          walletId: wallet.id,
          points,
          referenceType: 'birthday',
          referenceId: `${m.memberId}:${local.year}`,
          ruleVersionId: null,
          explanation: `Happy birthday from ${tenant.name}: ${points} pts`,
          now,
        })
        if (!r.replayed) n++
      }
      return n
    })
    out.push({ tenantId: tenant.id, granted })
  }
  return out
}
