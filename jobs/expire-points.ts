// Hourly: points past their expiry (when a shop switched expiry on) leave the wallet as an
// `expiry` entry the consumer can read; nothing happens for shops where points never expire.
import type { AppDeps } from '../src/infra/deps'
import { expireDueLots } from '../src/ledger'

export const expirePointsJob = (deps: AppDeps) => expireDueLots(deps.dbh.db, deps.clock())
