// Migrations run as the role that owns the tables; the app runs as a role that owns nothing
// (ADR 0018). This is the one place that knows how the two meet: migrate as the owner, then
// grant the runtime role (named by DATABASE_URL) what the app needs, after every migration.
import { openDb } from './db'

export type MigrationUrls = { migrationUrl: string; runtimeUrl: string }

export class MigrationConfigError extends Error {}

/**
 * DATABASE_MIGRATION_URL, falling back to DATABASE_URL outside production. Production needs
 * both: one to migrate with, the other to learn which role to grant.
 */
export function migrationUrls(env: Record<string, string | undefined>): MigrationUrls {
  const production = env.APP_ENV === 'production'
  const runtimeUrl = env.DATABASE_URL
  const migrationUrl = env.DATABASE_MIGRATION_URL ?? (production ? undefined : runtimeUrl)
  const missing = [!migrationUrl && 'DATABASE_MIGRATION_URL', !runtimeUrl && 'DATABASE_URL'].filter(Boolean)
  if (missing.length || !migrationUrl || !runtimeUrl)
    throw new MigrationConfigError(`Missing required secrets: ${missing.join(', ')}`)
  return { migrationUrl, runtimeUrl }
}

/** The role a Postgres URL connects as; null for PGlite (one embedded superuser). */
export function roleOf(url: string): string | null {
  if (url.startsWith('pglite://')) return null
  const user = decodeURIComponent(new URL(url).username)
  if (!user) throw new MigrationConfigError('DATABASE_URL must name its role (postgres://ROLE:password@host/db)')
  return user
}

export async function migrateDatabase({ migrationUrl, runtimeUrl }: MigrationUrls): Promise<void> {
  const owner = roleOf(migrationUrl)
  const runtime = roleOf(runtimeUrl)
  const h = openDb(migrationUrl, { max: 1 })
  try {
    // Same role (development with one URL): nothing to grant, the owner is the app.
    await h.migrate(runtime && runtime !== owner ? { grantTo: runtime } : {})
  } finally {
    await h.close()
  }
}
