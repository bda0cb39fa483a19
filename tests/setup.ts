// Preloaded by bun test (bunfig.toml). Tests run against the machine's real Postgres and Redis;
// these defaults match the CI machine and can be overridden from the environment.
process.env.APP_ENV ??= 'test'
process.env.LOG_LEVEL ??= 'warn'
process.env.TEST_PG_ADMIN_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres'
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379'
