// Fuzz pass over the JSON surface (issue 12): every /api, /webhooks and /oauth route of the real
// route table, called as a role its spec allows (route-specs.ts), with hostile input in the body,
// the query string and the path params. Nothing may answer 5xx. fast-check generates the
// inputs from a fixed seed with a bounded count per route and category, so a run is repeatable
// and short; the per-route counts are printed. Every input is replayed even after a failure so
// the report lists all of them.
import { beforeAll, describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { useTestApp } from '../helpers/app'
import { type Caller, makeCast, makeTenant } from '../helpers/identities'
import { type ForeignIds, seedForeignTenant } from './foreign-tenant'
import { type Role, routeSpecs } from './route-specs'

const SEED = 20261129
const RUNS_PER_CATEGORY = 4
const JSON_ROUTE = /^\/(api|webhooks|oauth)\//
const ENDS_SESSION = new Set(['POST /api/v1/auth/logout', 'DELETE /api/v1/consumer/me'])

const getApp = useTestApp({
  ADMIN_EMAILS: 'root@platform.test',
  RATE_LIMIT_PUBLIC_PER_IP: '1000000',
  RATE_LIMIT_SIGNIN_PER_IP: '1000000',
  RATE_LIMIT_SIGNIN_PER_DESTINATION: '1000000',
})
let ids: ForeignIds
let tenantA: { id: string }

beforeAll(async () => {
  ids = await seedForeignTenant(getApp().deps)
  tenantA = await makeTenant(getApp().deps, { name: 'Fuzzed Shop' })
})

/** Raw JSON tokens JSON.stringify cannot produce; spliced into the text after stringifying. */
const raw = (token: string) => `⟦RAW${token}⟧`
const toJson = (v: unknown) =>
  JSON.stringify(v).replace(/"⟦RAW(.*?)⟧"/g, (_, escaped: string) => JSON.parse(`"${escaped}"`))

const controlChars = fc.constantFrom('\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u001b', '\u007f')
const categories = {
  'random strings': fc.string({ maxLength: 40 }),
  unicode: fc.oneof(
    fc.constantFrom(
      '\ud800',
      '\udfff',
      'x\udc00y',
      '\u202e\u0627\u0644\u0639\u0631\u0628\u064a\u0629',
      '\u200f\u05e9\u05dc\u05d5\u05dd',
      '👩‍👩‍👧‍👦',
      '🔥'.repeat(64),
      '\ufeff',
      'e\u0301\u0301\u0301',
      '\u{10ffff}',
    ),
    fc.string({ unit: fc.integer({ min: 0x80, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 24 }),
  ),
  'huge numbers': fc.constantFrom(
    raw('1e308'),
    raw('-1e308'),
    raw('-0'),
    raw('18446744073709551616'),
    raw('-18446744073709551616'),
    raw('1e400'),
    raw('9007199254740993'),
    raw('5e-324'),
    raw('0.5'),
    2 ** 63,
    -1,
  ),
  'wrong types': fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
    fc.constant({}),
    fc.constant([]),
  ),
  'deep nesting': fc.constantFrom(
    raw(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
    raw(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
  ),
  // Raw in paths and query strings (not re-encoded); invalid JSON in a body.
  'broken escapes': fc.constantFrom(
    raw('%'),
    raw('%E0%A4%A'),
    raw('%ZZ'),
    raw('%ED%A0%80'),
    raw('%C0%AF'),
    raw('..%2F..%2Fetc'),
    raw('%25%00'),
    raw('%FF%FE'),
  ),
  'control characters': fc
    .tuple(fc.string({ maxLength: 8 }), controlChars, fc.string({ maxLength: 8 }))
    .map(([a, c, b]) => `${a}${c}${b}`),
} as const
type Category = keyof typeof categories

/** Path segment: percent-encoded, or raw bytes that are not UTF-8 when the text cannot be encoded. */
function segment(v: unknown): string {
  const s = typeof v === 'string' ? v.replace(/^⟦RAW(.*)⟧$/s, '$1') : toJson(v)
  try {
    return encodeURIComponent(s) || '%20'
  } catch {
    return '%ED%A0%80' // a lone surrogate has no UTF-8 form: send the CESU-8 bytes servers must refuse
  }
}

type Attempt = { params: Record<string, unknown>; query: Record<string, unknown>; body: unknown; wholeBody: unknown }

type Templates = { params: Record<string, unknown>; query: Record<string, unknown>; body: Record<string, unknown> }

/**
 * Each field is either hostile or the valid value the route spec sends, so an attempt can get
 * past the fields it does not touch and reach deeper code.
 */
function attempts(category: Category, t: Templates, seed: number): Attempt[] {
  const value = categories[category] as fc.Arbitrary<unknown>
  const fields = (template: Record<string, unknown>) =>
    fc.record(
      Object.fromEntries(
        Object.entries(template).map(([k, valid]) => [
          k,
          valid === undefined ? value : fc.oneof(value, fc.constant(valid)),
        ]),
      ) as Record<string, fc.Arbitrary<unknown>>,
    )
  const arb = fc.record({
    params: fields(t.params),
    query: fields(t.query),
    body: fields(t.body),
    wholeBody: fc.oneof(value, fields({ x: undefined })),
  })
  return fc.sample(arb, { seed, numRuns: RUNS_PER_CATEGORY }) as Attempt[]
}

/** Valid inputs from the spec (tenant B's ids, so a valid id still answers 404 to tenant A). */
function templates(path: string, spec: (typeof routeSpecs)[string]): Templates {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  const built = 'params' in spec ? spec.params : undefined
  const params = Object.fromEntries(
    names.map((n) => [n, built?.[n]?.(ids) ?? (n === 'provider' ? 'square' : undefined)]),
  )
  const query = { ...(('query' in spec && spec.query?.(ids)) || {}), q: undefined }
  const body = ('body' in spec && spec.body?.(ids)) || {}
  return { params, query, body }
}

function callerFor(roles: Role[] | null, cast: Awaited<ReturnType<typeof makeCast>>): Caller | null {
  if (!roles) return null
  const role = roles[0]!
  return cast[role]
}

async function send(method: string, path: string, a: Attempt, useWholeBody: boolean, caller: Caller | null) {
  let url = path
  for (const [name, v] of Object.entries(a.params)) url = url.replace(`:${name}`, segment(v))
  const q = Object.entries(a.query).map(([k, v]) => `${encodeURIComponent(k)}=${segment(v)}`)
  if (q.length) url += `?${q.join('&')}`
  const headers: Record<string, string> = {
    ...(caller?.headers ?? {}),
    accept: 'application/json',
    'content-type': 'application/json',
    'idempotency-key': crypto.randomUUID(),
  }
  const hasBody = method !== 'GET' && method !== 'DELETE'
  const body = hasBody ? toJson(useWholeBody ? a.wholeBody : a.body) : undefined
  const res = await getApp().request(url, { method, headers, ...(body !== undefined ? { body } : {}) })
  await res.arrayBuffer()
  return { status: res.status, url, body }
}

describe('fuzzing every JSON route', () => {
  test('no hostile input gives a 5xx', async () => {
    const routes = getApp().app.routes.filter((r) => JSON_ROUTE.test(r.path))
    expect(routes.length).toBeGreaterThan(30)
    const failures: string[] = []
    const report: string[] = []
    for (const [i, route] of routes.entries()) {
      const key = `${route.method} ${route.path}`
      const spec = routeSpecs[key]
      if (!spec) throw new Error(`no spec for ${key} in route-specs.ts`)
      const roles = 'public' in spec ? null : spec.roles
      const valid = templates(route.path, spec)
      const counts: string[] = []
      const statuses = new Map<number, number>()
      let cast = await makeCast(getApp().deps, tenantA)
      for (const [c, category] of (Object.keys(categories) as Category[]).entries()) {
        // A fresh cast per category where a route ends its caller's session (logout, erase me).
        if (c > 0 && ENDS_SESSION.has(key)) cast = await makeCast(getApp().deps, tenantA)
        let n = 0
        for (const [j, a] of attempts(category, valid, SEED + i * 100 + c).entries()) {
          const r = await send(route.method, route.path, a, j % 2 === 1, callerFor(roles, cast))
          n++
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
          if (r.status >= 500)
            failures.push(`${key} [${category}] → ${r.status}: ${r.url.slice(0, 200)} ${r.body?.slice(0, 200) ?? ''}`)
        }
        counts.push(`${category}: ${n}`)
      }
      const answered = [...statuses].sort(([a], [b]) => a - b).map(([st, k]) => `${st}×${k}`)
      report.push(`${key} as ${roles?.[0] ?? 'anonymous'} — ${counts.join(', ')} → ${answered.join(' ')}`)
    }
    console.log(`fuzzed ${routes.length} JSON routes (seed ${SEED}):\n  ${report.join('\n  ')}`)
    expect(failures, failures.join('\n')).toEqual([])
  }, 300_000)
})
