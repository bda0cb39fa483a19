// Replays 90 days of sales under a draft rule set for the merchant portal (src/rules/backtest-job.ts).
import type { AppDeps } from '../src/infra/deps'
import { executeBacktest } from '../src/rules'

export const rulesBacktest = (deps: AppDeps, data: unknown) => executeBacktest(deps, data)
