// Barrel of every module's tables, for drizzle-kit and the typed Db. Modules own their tables.
export * from '../audit/audit.schema'
export * from '../auth/auth.schema'
export * from '../idempotency/idempotency.schema'
export * from '../ledger/ledger.schema'
export * from '../members/members.schema'
export * from '../notify/notify.schema'
export * from '../tenancy/tenancy.schema'
