import { bigint, date, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { tenantId, ts } from '../infra/columns'
import { tenants } from '../tenancy/tenancy.schema'

/**
 * One row per member who ever visited (an awarded sale), kept by the activity rollup
 * (activity-rollup.ts): what active members, repeat visits and top members are counted from.
 * `first_month` is the local month of the first visit in the shop's zone when it was rolled up.
 * No foreign key to members: erasure pseudonymises members, and these facts hold no PII.
 */
export const memberActivity = pgTable(
  'member_activity',
  {
    tenantId: tenantId().references(() => tenants.id),
    memberId: text('member_id').notNull(),
    firstVisitAt: ts('first_visit_at').notNull(),
    lastVisitAt: ts('last_visit_at').notNull(),
    firstMonth: date('first_month').notNull(),
    visits: integer('visits').notNull(),
    pointsEarned: bigint('points_earned', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'member_activity_pk', columns: [t.tenantId, t.memberId] }),
    // Active members and the repeat-visit rate: one range of this index per window.
    index('member_activity_last_visit').on(t.tenantId, t.lastVisitAt, t.visits),
    // Top members: read in order, stop after ten.
    index('member_activity_top').on(t.tenantId, t.visits.desc(), t.pointsEarned.desc(), t.memberId),
  ],
)

/**
 * Members by the UTC hour of their last visit (and how many of them visited twice or more): the
 * active and repeat-visit counts sum a few thousand of these rows instead of counting every
 * member. Moved by the activity rollup in the statement that moves member_activity.
 */
export const memberVisitHours = pgTable(
  'member_visit_hours',
  {
    tenantId: tenantId().references(() => tenants.id),
    hour: ts('hour').notNull(),
    members: integer('members').notNull(),
    repeaters: integer('repeaters').notNull(),
  },
  (t) => [primaryKey({ name: 'member_visit_hours_pk', columns: [t.tenantId, t.hour] })],
)

/** The local months in which each member visited: the rollup's "first visit this month?" test. */
export const memberVisitMonths = pgTable(
  'member_visit_months',
  {
    tenantId: tenantId().references(() => tenants.id),
    memberId: text('member_id').notNull(),
    month: date('month').notNull(),
  },
  (t) => [primaryKey({ name: 'member_visit_months_pk', columns: [t.tenantId, t.memberId, t.month] })],
)

/** Members of a cohort (month of first visit) who visited in `month`; month = cohort_month is its size. */
export const cohortActivity = pgTable(
  'cohort_activity',
  {
    tenantId: tenantId().references(() => tenants.id),
    cohortMonth: date('cohort_month').notNull(),
    month: date('month').notNull(),
    members: integer('members').notNull(),
  },
  (t) => [primaryKey({ name: 'cohort_activity_pk', columns: [t.tenantId, t.cohortMonth, t.month] })],
)

/** How far each tenant's awarded sales are rolled into the tables above. */
export const activityRollups = pgTable('activity_rollups', {
  tenantId: tenantId()
    .primaryKey()
    .references(() => tenants.id),
  rolledUntil: ts('rolled_until').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})
