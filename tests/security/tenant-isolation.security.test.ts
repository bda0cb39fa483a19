// The cross-tenant matrix, generated from the real app's route table (reliability-tests §7 T1).
// Every route × every role of tenant A, called with tenant B's ids → refused (401/403/404), or,
// for routes that take no foreign input, answered without any of B's data; and tenant B's rows
// are byte-for-byte unchanged afterwards. A route with no entry in route-specs.ts fails here.
import { beforeAll, describe, expect, test } from 'bun:test'
import { adminSql } from '../helpers/db'
import { useTestApp } from '../helpers/app'
import { type Caller, makeCast, makeTenant } from '../helpers/identities'
import { type ForeignIds, foreignMarkers, seedForeignTenant } from './foreign-tenant'
import { type Role, type RouteSpec, routeSpecs } from './route-specs'

const getApp = useTestApp({
  ADMIN_EMAILS: 'root@platform.test',
  RATE_LIMIT_PUBLIC_PER_IP: '100000',
  RATE_LIMIT_SIGNIN_PER_IP: '100000',
})
let foreign: ForeignIds
let tenantA: { id: string }

beforeAll(async () => {
  foreign = await seedForeignTenant(getApp().deps)
  tenantA = await makeTenant(getApp().deps, { name: 'Home Shop A' })
})

/** A checksum of every row tenant B owns, read as superuser so RLS cannot hide a change. */
async function checksumOfB(): Promise<string> {
  const sql = adminSql(new URL(getApp().config.DATABASE_URL!).pathname.slice(1))
  try {
    const tables = await sql<
      { table_name: string }[]
    >`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by table_name`
    const parts: string[] = []
    for (const { table_name } of tables) {
      const [r] = await sql.unsafe(
        `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from "${table_name}" t where tenant_id = $1`,
        [foreign.tenantId],
      )
      parts.push(`${table_name}=${r!.h}`)
    }
    const [t] = await sql`select md5(t::text) as h from tenants t where id = ${foreign.tenantId}`
    const [a] = await sql`select count(*)::text as n from audit_events where target_tenant_id = ${foreign.tenantId}`
    return `${parts.join(';')};tenant=${t!.h};audit=${a!.n}`
  } finally {
    await sql.end()
  }
}

/** Whether the call carries any of tenant B's ids (in the path, query or body). */
function hasForeignInput(spec: Extract<RouteSpec, { roles: Role[] }>) {
  const inputs = JSON.stringify([
    Object.values(spec.params ?? {}).map((b) => b(foreign)),
    spec.query?.(foreign),
    spec.body?.(foreign),
  ])
  return foreignMarkers(foreign).some((m) => inputs.includes(m))
}

async function call(method: string, path: string, spec: Extract<RouteSpec, { roles: Role[] }>, caller: Caller | null) {
  let url = path
  for (const [name, build] of Object.entries(spec.params ?? {}))
    url = url.replace(`:${name}`, encodeURIComponent(build(foreign)))
  if (spec.query) url += `?${new URLSearchParams(spec.query(foreign))}`
  const headers: Record<string, string> = {
    ...(caller?.headers ?? {}),
    accept: url.startsWith('/api/') ? 'application/json' : 'text/html',
    cookie: 'sa_csrf=matrixmatrixmatrixmatrixmatrix00',
    'x-csrf-token': 'matrixmatrixmatrixmatrixmatrix00',
    'idempotency-key': crypto.randomUUID(),
  }
  let body: string | undefined
  if (method !== 'GET' && method !== 'DELETE') {
    const data = spec.body?.(foreign) ?? {}
    if (spec.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(Object.entries(data).map(([k, v]) => [k, String(v)])).toString()
    } else {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(data)
    }
  }
  const res = await getApp().request(url, { method, headers, ...(body !== undefined ? { body } : {}) })
  return { status: res.status, text: await res.text() }
}

describe('cross-tenant matrix (generated from the route table)', () => {
  test('every route of the app has a spec entry', () => {
    const missing = getApp()
      .app.routes.map((r) => `${r.method} ${r.path}`)
      .filter((k) => !routeSpecs[k])
    expect(missing, `routes without an entry in tests/security/route-specs.ts:\n  ${missing.join('\n  ')}`).toEqual([])
  })

  test('every route × every role of tenant A with tenant B ids → refused, no B data, B unchanged', async () => {
    const failures: string[] = []
    for (const route of getApp().app.routes) {
      const key = `${route.method} ${route.path}`
      const spec = routeSpecs[key]
      if (!spec || 'public' in spec) continue
      const cast = await makeCast(getApp().deps, tenantA)
      const callers: [string, Caller | null][] = [
        ['anonymous', null],
        ['consumer', cast.consumer],
        ['staff', cast.staff],
        ['owner', cast.owner],
        ['admin', cast.admin],
      ]
      for (const [role, caller] of callers) {
        const allowed = role !== 'anonymous' && spec.roles.includes(role as Role)
        if (allowed && role === 'admin' && spec.platform) continue // admins act on every tenant by design
        const before = await checksumOfB()
        const r = await call(route.method, route.path, spec, caller)
        const after = await checksumOfB()
        const where = `${key} as ${role} → ${r.status}`
        if (after !== before) failures.push(`${where}: tenant B's rows changed`)
        const leaked = foreignMarkers(foreign).filter((m) => r.text.includes(m))
        if (role === 'anonymous') {
          if (![401, 303].includes(r.status)) failures.push(`${where}: expected 401 or a redirect to sign-in`)
        } else if (!allowed || hasForeignInput(spec)) {
          if (![401, 403, 404].includes(r.status)) failures.push(`${where}: expected 403 or 404`)
          if (leaked.length) failures.push(`${where}: response contains tenant B data (${leaked.join(', ')})`)
        } else {
          if (r.status >= 500) failures.push(`${where}: server error`)
          if (leaked.length) failures.push(`${where}: response contains tenant B data (${leaked.join(', ')})`)
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([])
  }, 300_000)
})
