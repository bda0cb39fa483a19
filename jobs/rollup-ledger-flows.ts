// Every five minutes: roll each shop's ledger up into 15-minute flow buckets, so the merchant
// overview reads buckets plus a short tail instead of the whole ledger (ADR 0020).
import type { AppDeps } from '../src/infra/deps'
import { rollupLedgerFlows } from '../src/ledger'

export const rollupLedgerFlowsJob = (deps: AppDeps) => rollupLedgerFlows(deps.dbh.db, deps.clock())
