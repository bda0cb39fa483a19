// Every minute: expire any issued code past its time whose delayed job was lost (Redis
// restart, enqueue timeout). Points never stay stranded longer than one sweep.
import type { AppDeps } from '../src/infra/deps'
import { sweepRedemptions } from '../src/ledger'

export async function sweepRedemptionsJob(deps: AppDeps): Promise<{ returned: number }> {
  return { returned: await sweepRedemptions(deps.dbh.db, deps.clock()) }
}
