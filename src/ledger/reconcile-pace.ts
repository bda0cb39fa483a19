// Reconciliation gives way to everyone else (ADR 0020, "giving way"). Its second batch lane
// keeps a whole-platform run within 2× of a parallel bare GROUP BY, but on a small primary the
// two lanes take every core, and a shop's pages queue behind them. So while any other session of
// this database has been running a statement within the last second (a page, an API call, the
// worker applying sales), only the first lane works; the second resumes once the database has
// been quiet for a second. The run's own transactions name themselves (application_name), so it
// never waits for itself.
import { sql } from 'drizzle-orm'
import { type Db, execRows, type Tx } from '../infra/db'
import { asSystem } from '../infra/scope'

export const RECONCILER_APPLICATION = 'salesarck:reconcile'
const SAMPLE_MS = 25
/** How long the database must have been quiet before the second lane runs again. */
const QUIET_MS = 1_000

/** asSystem, named in pg_stat_activity as the reconciler's own work. */
export function asReconciler<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asSystem(db, async (tx) => {
    await tx.execute(sql`select set_config('application_name', ${RECONCILER_APPLICATION}, true)`)
    return fn(tx)
  })
}

/** Statements of other sessions running right now (this one and the reconciler's excluded). */
async function othersActive(db: Db): Promise<number> {
  const [row] = await execRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and backend_type = 'client backend' and state = 'active'
          and pid <> pg_backend_pid() and application_name is distinct from ${RECONCILER_APPLICATION}`,
  )
  return Number(row?.n ?? 0)
}

export type Pace = {
  /** Resolves once the database has been quiet for QUIET_MS (at once when it has), or once `over()` holds. */
  quiet(over: () => boolean): Promise<void>
  stop(): void
}

/** Samples the database's other activity every 25 ms until stopped. */
export function watchActivity(db: Db, now: () => number = () => performance.now()): Pace {
  let lastBusy = Number.NEGATIVE_INFINITY
  let sampled = false
  let running = true
  void (async () => {
    while (running) {
      // A failed sample counts as busy: giving way is the safe side.
      const n = await othersActive(db).catch(() => 1)
      if (n > 0) lastBusy = now()
      sampled = true
      await Bun.sleep(SAMPLE_MS)
    }
  })()
  return {
    async quiet(over) {
      while (running && !over() && (!sampled || now() - lastBusy < QUIET_MS)) await Bun.sleep(SAMPLE_MS)
    },
    stop() {
      running = false
    },
  }
}
