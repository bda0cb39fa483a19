// "Your code expires in 5 minutes": a delayed job per issued code, due five minutes before the
// code lapses. When it fires it decides afresh: the code must still be unused and unexpired
// (used at the till, cancelled or expired → nothing), and sendNotice sends only on the channels
// the person consented to for that shop, once per code (key `code-expiring:<redemptionId>`).
import { and, eq, gt } from 'drizzle-orm'
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'
import type { Queues } from '../infra/queue'
import { members, redemptions, wallets } from '../infra/schema'
import { inTenant } from '../infra/scope'
import { getTenant } from '../tenancy'
import { points, sendNotice } from './send-notice'

/** Its handler is registered under this name in jobs/registry.ts. */
const CODE_EXPIRING_JOB = 'notify-code-expiring'
const CODE_WARNING_MS = 5 * 60_000
type CodeExpiringData = { tenantId: string; redemptionId: string }

/**
 * After the issuing transaction committed. A code that lives five minutes or less gets no
 * warning: it would arrive as the code is handed over, while the person is looking at it.
 * A lost job (Redis down) costs only the warning; the code and its expiry are unaffected.
 */
export async function scheduleCodeExpiring(
  queues: Queues,
  r: { id: string; tenantId: string; expiresAt: Date },
  now: Date,
): Promise<boolean> {
  const delay = r.expiresAt.getTime() - CODE_WARNING_MS - now.getTime()
  if (delay <= 0) return false
  const data: CodeExpiringData = { tenantId: r.tenantId, redemptionId: r.id }
  try {
    // The job id makes a replayed request's second enqueue a no-op (BullMQ ids may not hold ':').
    await queues.enqueue('notifications', CODE_EXPIRING_JOB, data, { jobId: `code-expiring-${r.id}`, delay })
    return true
  } catch (err) {
    log.warn({ err, redemptionId: r.id }, 'could not schedule the code-expiring notice')
    return false
  }
}

/** The job's work: the channels it went out on (none when the code is done or nobody asked). */
export async function notifyCodeExpiring(deps: AppDeps, d: CodeExpiringData) {
  const now = deps.clock()
  const [live] = await inTenant(deps.dbh.db, { tenantId: d.tenantId }, (tx) =>
    tx
      .select({ userId: members.userId, points: redemptions.points, expiresAt: redemptions.expiresAt })
      .from(redemptions)
      .innerJoin(wallets, eq(wallets.id, redemptions.walletId))
      .innerJoin(members, eq(members.id, wallets.memberId))
      .where(
        and(
          eq(redemptions.tenantId, d.tenantId),
          eq(redemptions.id, d.redemptionId),
          eq(redemptions.status, 'issued'),
          gt(redemptions.expiresAt, now),
        ),
      ),
  )
  if (!live?.userId) return []
  const shop = await getTenant(deps.dbh.db, d.tenantId)
  if (!shop) return []
  const text = codeExpiringText(live.points, live.expiresAt, now, shop.timeZone)
  return sendNotice(deps, {
    tenantId: d.tenantId,
    shopName: shop.name,
    userId: live.userId,
    kind: 'code_expiring',
    key: `code-expiring:${d.redemptionId}`,
    text,
  })
}

/** Minutes counted from when the job actually ran, so a late job never claims more time than is left. */
function codeExpiringText(codePoints: number, expiresAt: Date, now: Date, timeZone: string): string {
  const minutes = Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 60_000))
  const at = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(expiresAt)
  return `Your code for ${points(codePoints)} expires in ${minutes} minute${minutes === 1 ? '' : 's'}, at ${at}. Show it at the till before then.`
}
