// Front door of analytics: the programme's figures for the merchant overview and the API
// (ADR 0026), read from rollups the worker keeps (activity-rollup.ts, and the ledger's flows).
export { rollupProgrammeActivity, rollupTenantActivity } from './activity-rollup'
export { programmeAnalytics, type ProgrammeAnalytics, type TopMember } from './programme-analytics'
export type { Cohort } from './metrics'
