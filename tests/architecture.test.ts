// Checks what ARCHITECTURE.md claims about dependencies by reading every import of src, views
// and jobs (architecture-guide §5, ADR 0031). A failure names the file, the import and the rule,
// e.g. "views/x.tsx may not import drizzle-orm (rule 7)".
import { describe, expect, test } from 'bun:test'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { posProviders } from '../src/pos'

const root = resolve(import.meta.dir, '..')
const STATIC = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

type Imp = { file: string; spec: string; target: string | null; typeOnly: boolean }

/** The file a relative specifier lands on, as bun resolves it (extension or index.ts added). */
function resolveFile(from: string, spec: string): string | null {
  const base = relative(root, resolve(dirname(join(root, from)), spec))
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    if (/\.tsx?$/.test(candidate) && existsSync(join(root, candidate))) return candidate
  }
  return null
}

function importsOf(file: string): Imp[] {
  const text = readFileSync(join(root, file), 'utf8')
  const found = [...text.matchAll(STATIC)].map((m) => ({ spec: m[2]!, typeOnly: !!m[1] }))
  for (const m of text.matchAll(DYNAMIC)) found.push({ spec: m[1]!, typeOnly: false })
  return found.map(({ spec, typeOnly }) => ({
    file,
    spec,
    typeOnly,
    target: spec.startsWith('.') ? resolveFile(file, spec) : null,
  }))
}

const files = ['src', 'views', 'jobs']
  .flatMap((dir) => [...new Bun.Glob(`${dir}/**/*.{ts,tsx}`).scanSync({ cwd: root })])
  .filter((f) => !f.endsWith('.d.ts'))
const all = files.flatMap(importsOf)
const local = all.filter((i) => i.target !== null)
const PROVIDERS: readonly string[] = posProviders

// ── Modules ──────────────────────────────────────────────────────────────────────────────────
// Every folder under src is a module; the few files at src's top level are named here.
const TOP_LEVEL: Record<string, string> = {
  'src/server.ts': 'root',
  'src/app-deps.ts': 'root',
  'src/config.ts': 'config',
}

function moduleOf(file: string): string | null {
  if (file.startsWith('jobs/')) return 'jobs'
  if (file.startsWith('views/')) return 'views'
  return /^src\/([^/]+)\//.exec(file)?.[1] ?? TOP_LEVEL[file] ?? null
}

// A module's front door is its index.ts; these modules have no index and name theirs here.
const FRONT_DOORS: Record<string, string[]> = {
  // POS ingestion and connections are reached from routes and jobs through their own doors.
  pos: ['src/pos/index.ts', 'src/pos/connection/index.ts', 'src/pos/ingest/index.ts'],
  http: ['src/http/app.ts', 'src/http/ops-app.ts'],
  demo: ['src/demo/seed.ts'],
  jobs: ['jobs/worker.ts'],
  config: ['src/config.ts'],
}
const frontDoorsOf = (module: string) => FRONT_DOORS[module] ?? [`src/${module}/index.ts`]
// Kernel, plumbing and templates: any file may be imported (they have no internals to hide).
const OPEN = ['shared', 'infra', 'views']
// Sub-modules with their own front door: the other one reaches it only through its index.ts.
const SUBMODULES = ['src/pos/connection', 'src/pos/ingest']

const isSchema = (f: string) => f.endsWith('.schema.ts')
const SCHEMA_AGGREGATOR = 'src/infra/schema.ts'

// The allowed runtime edges between modules, besides the kernel (shared, infra) that every module
// but shared may use. Type-only imports are erased at build time and draw no edge (they still go
// through front doors); nor does the schema barrel's re-export of each module's tables.
// Keep in step with ARCHITECTURE.md.
const KERNEL = ['shared', 'infra']
const ALLOWED_EDGES: Record<string, string[]> = {
  analytics: ['ledger', 'tenancy'],
  auth: ['members', 'notify', 'tenancy'],
  config: ['pos'],
  demo: ['analytics', 'auth', 'ledger', 'members', 'notices', 'onboarding', 'pos', 'rules', 'tenancy'],
  exports: ['ledger', 'members', 'rules'],
  http: [
    'analytics',
    'audit',
    'auth',
    'exports',
    'idempotency',
    'imports',
    'ledger',
    'live',
    'members',
    'notices',
    'notify',
    'onboarding',
    'pos',
    'privacy',
    'referrals',
    'rules',
    'tenancy',
    'views',
  ],
  imports: ['audit', 'ledger', 'members'],
  jobs: ['analytics', 'ledger', 'live', 'notices', 'notify', 'occasions', 'pos', 'rules', 'tenancy'],
  ledger: ['audit', 'idempotency', 'members', 'rules', 'tenancy'],
  members: ['tenancy'],
  notices: ['auth', 'notify', 'tenancy'],
  onboarding: ['audit', 'rules'],
  occasions: ['auth', 'ledger', 'members', 'rules', 'tenancy'],
  pos: ['audit', 'ledger', 'members', 'notify', 'referrals', 'rules', 'tenancy'],
  privacy: ['auth', 'members', 'pos'],
  referrals: ['ledger', 'members', 'rules', 'tenancy'],
  root: ['auth', 'config', 'demo', 'http', 'jobs', 'live', 'rules'],
  rules: ['tenancy'],
  tenancy: ['audit', 'notify'],
}

// Imports that break the front-door rule today; each is removed when fixed. Empty is the goal.
const KNOWN_VIOLATIONS: string[] = [
  // config needs the providers' env names before anything is wired; the pos front door would
  // load the connection and ingest code (and config again) with them.
  'src/config.ts -> src/pos/registry.ts',
  // pos/connection and pos/ingest use each other's internals both ways: through the two index
  // files this is an index ↔ index cycle, so it needs the shared pieces (inbox enqueue, the
  // connection's access token) moved below both first.
  'src/pos/connection/feed-inbox.ts -> src/pos/ingest/receive-webhook.ts',
  'src/pos/connection/toast-ownership.ts -> src/pos/ingest/enqueue-inbox-events.ts',
  'src/pos/connection/toast-ownership.ts -> src/pos/ingest/inbox.repo.ts',
  'src/pos/ingest/complete-details.ts -> src/pos/connection/access-token.ts',
  'src/pos/ingest/complete-details.ts -> src/pos/connection/connections.repo.ts',
  'src/pos/ingest/complete-details.ts -> src/pos/connection/provider-api-base.ts',
]

function frontDoorBroken(i: Imp): string | null {
  const target = i.target!
  const from = moduleOf(i.file)
  const to = moduleOf(target)
  if (from === 'views' || !from || !to) return null
  if (from !== to) {
    if (OPEN.includes(to)) return null
    if (isSchema(target) && (isSchema(i.file) || i.file === SCHEMA_AGGREGATOR)) return null
    return frontDoorsOf(to).includes(target) ? null : `${to}'s front door`
  }
  const subOf = (f: string) => SUBMODULES.find((sub) => f.startsWith(`${sub}/`))
  const sub = subOf(target)
  if (sub && subOf(i.file) && subOf(i.file) !== sub && target !== `${sub}/index.ts`) return `${sub}/index.ts`
  return null
}

/** Runtime module edges actually drawn by the code: "from → to" with one example import. */
function moduleEdges(): Map<string, string> {
  const edges = new Map<string, string>()
  for (const i of local) {
    const from = moduleOf(i.file)
    const to = moduleOf(i.target!)
    if (i.typeOnly || !from || !to || from === to || (KERNEL.includes(to) && from !== 'shared')) continue
    if (i.file === SCHEMA_AGGREGATOR && isSchema(i.target!)) continue
    if (!edges.has(`${from} → ${to}`)) edges.set(`${from} → ${to}`, `${i.file} imports ${i.spec}`)
  }
  return edges
}

/** Strongly connected components of more than one file in the runtime import graph (Tarjan). */
function importCycles(): string[][] {
  const graph = new Map<string, string[]>(files.map((f) => [f, []]))
  for (const i of local) if (!i.typeOnly) graph.get(i.file)!.push(i.target!)
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (v: string) => {
    index.set(v, index.size)
    low.set(v, index.get(v)!)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const component: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      component.push(w)
    } while (w !== v)
    if (component.length > 1) cycles.push(component.sort())
  }
  for (const f of files) if (!index.has(f)) visit(f)
  return cycles
}

// ── Pure files ───────────────────────────────────────────────────────────────────────────────
// Decide purely: these take time and ids as arguments. Checked with everything they import.
const PURE = [
  'src/rules/kinds/**/*.ts',
  'src/rules/{evaluate,explain,diff-rule-sets,eligible-amount,precedence,trace,parse-rule-set,rule-set,kind,registry}.ts',
  'src/ledger/lots.ts',
  'src/pos/ingest/sale-decision.ts',
  ...PROVIDERS.map((p) => `src/pos/${p}/{parse,verify,envelope,payload}.ts`),
]
const pureFiles = PURE.flatMap((glob) => [...new Bun.Glob(glob).scanSync({ cwd: root })])
const IMPURE = [/\bDate\.now\(\)/, /\bnew Date\(\)/, /\bprocess\.env\b/]

function runtimeClosure(start: string): string[] {
  const seen = new Set([start])
  const queue = [start]
  while (queue.length) {
    for (const i of importsOf(queue.shift()!)) {
      if (i.typeOnly || !i.target || seen.has(i.target)) continue
      seen.add(i.target)
      queue.push(i.target)
    }
  }
  return [...seen]
}

// ── Rules kept from architecture-guide §5 ────────────────────────────────────────────────────
type Rule = { n: number; why: string; broken: (i: Imp) => boolean }

const rules: Rule[] = [
  {
    n: 1,
    why: 'src/shared imports nothing from the app',
    broken: (i) => i.file.startsWith('src/shared/') && !!i.target && !i.target.startsWith('src/shared'),
  },
  {
    n: 5,
    why: 'provider folders import only the POS port, the event types and src/shared',
    broken: (i) => {
      const p = /^src\/pos\/([^/]+)\//.exec(i.file)?.[1]
      if (!p || !PROVIDERS.includes(p)) return false
      if (['elysia', 'drizzle-orm', 'bullmq', 'ioredis', 'postgres'].includes(i.spec)) return true
      if (!i.target) return false
      const otherProvider = PROVIDERS.some((q) => q !== p && i.target!.startsWith(`src/pos/${q}/`))
      return otherProvider || i.target.startsWith('src/infra') || i.target.startsWith('src/http')
    },
  },
  {
    n: 6,
    why: 'only src/http (and the server entry) imports elysia',
    broken: (i) => i.spec.startsWith('elysia') && !i.file.startsWith('src/http/') && i.file !== 'src/server.ts',
  },
  {
    n: 7,
    why: 'views are pure: no elysia, drizzle-orm, bullmq, and nothing from src at runtime',
    broken: (i) =>
      i.file.startsWith('views/') &&
      (['elysia', 'drizzle-orm', 'bullmq'].includes(i.spec) || (!!i.target?.startsWith('src/') && !i.typeOnly)),
  },
  {
    n: 8,
    why: 'jobs never import src/http or views',
    broken: (i) =>
      i.file.startsWith('jobs/') && !!i.target && (i.target.startsWith('src/http') || i.target.startsWith('views')),
  },
  {
    n: 9,
    why: 'nothing under src imports tests, nor jobs but the server entry',
    broken: (i) =>
      i.file.startsWith('src/') &&
      !!i.target &&
      (i.target.startsWith('tests') || (i.target.startsWith('jobs') && i.file !== 'src/server.ts')),
  },
]

describe('architecture: dependency direction', () => {
  test('the scan sees the codebase and resolves every relative import', () => {
    expect(files.length).toBeGreaterThan(30)
    expect(local.length).toBeGreaterThan(100)
    expect(all.filter((i) => i.spec.startsWith('.') && !i.target).map((i) => `${i.file}: ${i.spec}`)).toEqual([])
  })

  test('every file belongs to a module', () => {
    expect(files.filter((f) => !moduleOf(f))).toEqual([])
  })

  for (const rule of rules) {
    test(`rule ${rule.n}: ${rule.why}`, () => {
      expect(all.filter(rule.broken).map((i) => `${i.file} may not import ${i.spec} (rule ${rule.n})`)).toEqual([])
    })
  }

  test("modules reach each other only through the other's front door (schema files and the schema barrel excepted)", () => {
    const broken = local.flatMap((i) => {
      const door = frontDoorBroken(i)
      return door ? [`${i.file} -> ${i.target}`] : []
    })
    expect(broken.filter((b) => !KNOWN_VIOLATIONS.includes(b))).toEqual([])
    // A fixed violation leaves the list, so the list only ever shrinks.
    expect(KNOWN_VIOLATIONS.filter((k) => !broken.includes(k))).toEqual([])
  })

  test('module edges are the listed ones, and every listed edge is used', () => {
    const drawn = moduleEdges()
    const allowed = Object.entries(ALLOWED_EDGES).flatMap(([from, tos]) => tos.map((to) => `${from} → ${to}`))
    expect(
      [...drawn].filter(([edge]) => !allowed.includes(edge)).map(([edge, example]) => `${edge} (${example})`),
    ).toEqual([])
    expect(allowed.filter((edge) => !drawn.has(edge))).toEqual([])
  })

  test('the allowed module edges have no cycle', () => {
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      (ALLOWED_EDGES[from] ?? []).some((m) => m === to || (!seen.has(m) && seen.add(m) && reaches(m, to, seen)))
    expect(Object.keys(ALLOWED_EDGES).filter((m) => reaches(m, m))).toEqual([])
  })

  test('no import cycles between files, inside a module or across modules', () => {
    expect(importCycles().map((c) => c.join(' ↔ '))).toEqual([])
  })

  test('pure files import no infra, read no clock and no environment (with all they import)', () => {
    expect(pureFiles.length).toBeGreaterThan(PROVIDERS.length * 3)
    const broken = pureFiles.flatMap((file) =>
      runtimeClosure(file).flatMap((f) => {
        if (f.startsWith('src/infra/')) return [`${file} reaches ${f}`]
        const text = readFileSync(join(root, f), 'utf8')
        return IMPURE.filter((re) => re.test(text)).map((re) => `${file} reaches ${f}, which uses ${re.source}`)
      }),
    )
    expect(broken).toEqual([])
  })
})

// `bun run test:unit` and `bun run test:int` select files by these suffixes; a test file named
// otherwise would run in neither.
describe('test files are named for their kind', () => {
  test('every test file is *.unit, *.int, *.e2e or *.security, so test:unit + test:int run them all', () => {
    const tests = [...new Bun.Glob('tests/**/*.test.{ts,tsx}').scanSync({ cwd: root })]
    expect(tests.length).toBeGreaterThan(30)
    expect(
      tests.filter((f) => f !== 'tests/architecture.test.ts' && !/\.(unit|int|e2e|security)\.test\.tsx?$/.test(f)),
    ).toEqual([])
  })
})
