// Enforces the dependency rules of architecture-guide §5 by reading every import. A failure
// names the file, the import and the rule, e.g. "views/x.tsx may not import drizzle-orm (rule 7)".
import { describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { posProviders } from '../src/pos'

const root = resolve(import.meta.dir, '..')
const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm

type Imp = { file: string; spec: string; target: string | null; typeOnly: boolean }

function importsOf(file: string): Imp[] {
  const text = readFileSync(join(root, file), 'utf8')
  const out: Imp[] = []
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[2]!
    const target = spec.startsWith('.') ? relative(root, resolve(dirname(join(root, file)), spec)) : null
    out.push({ file, spec, target, typeOnly: !!m[1] })
  }
  return out
}

const files = ['src', 'views', 'jobs'].flatMap((dir) => [...new Bun.Glob(`${dir}/**/*.{ts,tsx}`).scanSync({ cwd: root })]).filter((f) => !f.endsWith('.d.ts'))
const all = files.flatMap(importsOf)
const moduleOf = (p: string) => /^src\/([^/]+)\//.exec(p)?.[1] ?? null
const PROVIDERS: readonly string[] = posProviders

type Rule = { n: number; why: string; broken: (i: Imp) => boolean }

const rules: Rule[] = [
  { n: 1, why: 'src/shared imports nothing from the app', broken: (i) => i.file.startsWith('src/shared/') && !!i.target && !i.target.startsWith('src/shared') },
  {
    n: 5,
    why: 'provider folders import only the POS port, the event types and src/shared',
    broken: (i) => {
      const p = /^src\/pos\/([^/]+)\//.exec(i.file)?.[1]
      if (!p || !PROVIDERS.includes(p)) return false
      if (['elysia', 'drizzle-orm', 'bullmq', 'ioredis', 'postgres'].includes(i.spec)) return true
      if (!i.target) return false
      const otherProvider = PROVIDERS.some((q) => q !== p && i.target!.startsWith(`src/pos/${q}`))
      return otherProvider || i.target.startsWith('src/infra') || i.target.startsWith('src/http')
    },
  },
  { n: 6, why: 'only src/http (and the server entry) imports elysia', broken: (i) => i.spec.startsWith('elysia') && !i.file.startsWith('src/http/') && i.file !== 'src/server.ts' },
  {
    n: 7,
    why: 'views are pure: no elysia, drizzle-orm, bullmq, and nothing from src at runtime',
    broken: (i) => i.file.startsWith('views/') && (['elysia', 'drizzle-orm', 'bullmq'].includes(i.spec) || (!!i.target?.startsWith('src/') && !i.typeOnly)),
  },
  { n: 8, why: 'jobs never import src/http or views', broken: (i) => i.file.startsWith('jobs/') && !!i.target && (i.target.startsWith('src/http') || i.target.startsWith('views')) },
  { n: 9, why: 'nothing under src imports jobs or tests', broken: (i) => i.file.startsWith('src/') && i.file !== 'src/server.ts' && !!i.target && (i.target.startsWith('jobs') || i.target.startsWith('tests')) },
  {
    n: 3,
    why: "modules reach each other only through the other module's index.ts (schema files may reference schema files)",
    broken: (i) => {
      const from = moduleOf(i.file)
      const to = i.target ? moduleOf(i.target) : null
      if (!from || !to || from === to) return false
      if (['infra', 'shared', 'http', 'demo'].includes(to) || ['infra', 'http', 'demo'].includes(from)) return false
      if (i.target!.endsWith('.schema') || i.target!.endsWith('.schema.ts')) return false
      return !/^src\/[^/]+(\/index)?(\.ts)?$/.test(i.target!)
    },
  },
]

describe('architecture: dependency direction', () => {
  test('the scan sees the codebase', () => {
    expect(files.length).toBeGreaterThan(30)
    expect(all.length).toBeGreaterThan(100)
  })
  for (const rule of rules) {
    test(`rule ${rule.n}: ${rule.why}`, () => {
      const broken = all.filter(rule.broken).map((i) => `${i.file} may not import ${i.spec} (rule ${rule.n})`)
      expect(broken).toEqual([])
    })
  }
})

// `bun run test:unit` and `bun run test:int` select files by these suffixes; a test file named
// otherwise would run in neither.
describe('test files are named for their kind', () => {
  test('every test file is *.unit, *.int, *.e2e or *.security, so test:unit + test:int run them all', () => {
    const tests = [...new Bun.Glob('tests/**/*.test.{ts,tsx}').scanSync({ cwd: root })]
    expect(tests.length).toBeGreaterThan(30)
    expect(tests.filter((f) => f !== 'tests/architecture.test.ts' && !/\.(unit|int|e2e|security)\.test\.tsx?$/.test(f))).toEqual([])
  })
})
