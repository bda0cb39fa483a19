// Fly release command: apply drizzle/ migrations, the RLS/append-only guards and the runtime
// role's grants once per deploy, as the owner role (DATABASE_MIGRATION_URL; outside production
// it defaults to DATABASE_URL). Needs only the two database URLs, so a release never depends
// on the app's other secrets.
import { MigrationConfigError, migrateDatabase, migrationUrls } from '../src/infra/migrate-database'

try {
  await migrateDatabase(migrationUrls(process.env))
} catch (e) {
  if (!(e instanceof MigrationConfigError)) throw e
  console.error(e.message)
  process.exit(1)
}
console.log('migrations applied')
