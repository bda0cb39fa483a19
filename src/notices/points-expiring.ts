// "Points expire next week": once a day per shop, at 10:00 in the shop's time zone (the job runs
// hourly; each run takes the shops whose local hour it is, so nobody gets a text at 3 a.m.), one
// notice per wallet whose open points lapse within the next 7 local days, with how many and
// when. One set-based query finds them (the partial lots_open_expiry index bounds the scan,
// consent is checked in SQL), keyset-paged by wallet; sendNotice claims
// `points-expiring:<walletId>:<ISO week>`, so a wallet hears it at most once a week however
// often the job runs.
import { and, eq, gt, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import type { AppDeps } from '../infra/deps'
import { log } from '../infra/logger'
import { lots, members, tenants, wallets } from '../infra/schema'
import { asSystem } from '../infra/scope'
import { notificationConsents } from './notices.schema'
import { points, sendNotice } from './send-notice'

/** The shop-local hour the notice goes out. */
const POINTS_EXPIRING_HOUR = 10
/** Today and the 7 local days after it. */
const WINDOW_DAYS = 7
const DAY_MS = 86_400_000

type ExpiringWallet = {
  tenantId: string
  walletId: string
  userId: string
  shopName: string
  timeZone: string
  week: string
  points: number
  first: Date
  last: Date
}

async function expiringWallets(deps: AppDeps, now: Date, after: string, limit: number): Promise<ExpiringWallet[]> {
  const localNow = sql`(${now.toISOString()}::timestamptz at time zone ${tenants.timeZone})`
  // Midnight at the end of the 7th local day after today, as an instant.
  const windowEnd = sql`((date_trunc('day', ${localNow}) + ${`${WINDOW_DAYS + 1} days`}::interval) at time zone ${tenants.timeZone})`
  // In force = the person's latest consent row for that shop and channel says given.
  const consented = sql`exists (
    select 1 from ${notificationConsents} c
    where c.tenant_id = ${lots.tenantId} and c.user_id = ${members.userId} and c.action = 'given'
      and not exists (
        select 1 from ${notificationConsents} later
        where later.tenant_id = c.tenant_id and later.user_id = c.user_id and later.channel = c.channel
          and (later.created_at, later.id) > (c.created_at, c.id)))`
  const rows = await asSystem(deps.dbh.db, (tx) =>
    tx
      .select({
        tenantId: lots.tenantId,
        walletId: lots.walletId,
        userId: members.userId,
        shopName: tenants.name,
        timeZone: tenants.timeZone,
        week: sql<string>`to_char(${localNow}, 'IYYY-"W"IW')`,
        points: sql<number>`sum(${lots.remaining})::bigint`.mapWith(Number),
        first: sql<Date>`min(${lots.expiresAt})`.mapWith(lots.expiresAt),
        last: sql<Date>`max(${lots.expiresAt})`.mapWith(lots.expiresAt),
      })
      .from(lots)
      .innerJoin(tenants, eq(tenants.id, lots.tenantId))
      .innerJoin(wallets, eq(wallets.id, lots.walletId))
      .innerJoin(members, eq(members.id, wallets.memberId))
      .where(
        and(
          // The index's predicate and a range no shop's window exceeds: the scan is this slice.
          gt(lots.remaining, 0),
          isNotNull(lots.expiresAt),
          gt(lots.expiresAt, now),
          lt(lots.expiresAt, new Date(now.getTime() + (WINDOW_DAYS + 2) * DAY_MS)),
          sql`${lots.expiresAt} <= ${windowEnd}`,
          sql`extract(hour from ${localNow}) = ${POINTS_EXPIRING_HOUR}`,
          eq(tenants.status, 'active'),
          isNotNull(members.userId),
          isNull(members.erasedAt),
          consented,
          gt(lots.walletId, after),
        ),
      )
      .groupBy(lots.tenantId, lots.walletId, members.userId, tenants.name, tenants.timeZone)
      .orderBy(lots.walletId)
      .limit(limit),
  )
  return rows.map((r) => ({ ...r, userId: r.userId! }))
}

export async function notifyPointsExpiring(deps: AppDeps, batch = 500): Promise<{ wallets: number; sent: number }> {
  const now = deps.clock()
  let after = ''
  let found = 0
  let sent = 0
  for (;;) {
    const page = await expiringWallets(deps, now, after, batch)
    for (const w of page) {
      try {
        const key = `points-expiring:${w.walletId}:${w.week}`
        const text = pointsExpiringText(w.points, w.first, w.last, w.timeZone)
        if (
          (
            await sendNotice(deps, {
              tenantId: w.tenantId,
              shopName: w.shopName,
              userId: w.userId,
              kind: 'points_expiring',
              key,
              text,
            })
          ).length
        )
          sent++
      } catch (error) {
        // One wallet's failure (the database, before the key was claimed) does not stop the
        // others; the next day's run tries it again. Delivery itself retries in src/notify.
        log.warn({ err: error, walletId: w.walletId }, 'points expiring: notification not sent')
      }
    }
    found += page.length
    if (page.length < batch) return { wallets: found, sent }
    after = page[page.length - 1]!.walletId
  }
}

/** Lots lapse at a local midnight: the day to name is the last one they can be used. */
function pointsExpiringText(n: number, first: Date, last: Date, timeZone: string): string {
  const day = (at: Date) =>
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', month: 'long', day: 'numeric' }).format(
      new Date(at.getTime() - 1),
    )
  const [from, to] = [day(first), day(last)]
  return from === to
    ? `${points(n)} expire soon: use them by the end of ${from}.`
    : `${points(n)} expire within the next week, the first after ${from} and the last after ${to}. Use them before then.`
}
