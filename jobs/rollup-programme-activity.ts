// Every five minutes: roll each shop's awarded sales up into per-member activity facts and
// cohort counts, so the overview's analytics read rollup rows instead of the sales (ADR 0026).
import { rollupProgrammeActivity } from '../src/analytics'
import type { AppDeps } from '../src/infra/deps'

export const rollupProgrammeActivityJob = (deps: AppDeps) => rollupProgrammeActivity(deps.dbh.db, deps.clock())
