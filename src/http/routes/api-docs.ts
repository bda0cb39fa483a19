// The live OpenAPI document (generated from the routes and their zod schemas) and a human page.
// The plugin's own viewer loads Scalar from a CDN, which our CSP forbids, so /api/docs is ours.
import { openapi } from '@elysiajs/openapi'
import { Elysia } from 'elysia'
import { ApiDocsPage, type DocOperation } from '../../../views/api/docs'

type Spec = {
  info: { title: string; version: string }
  paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>
}

// Only the machine-facing surface belongs in the document, not portal pages.
const PUBLIC_API = /^\/(api|webhooks|health|metrics|oauth|\.well-known)(\/|$)/

const DESCRIPTION = [
  'Contract: api-v1.md.',
  'Points are JSON integers: one operation (an adjustment, a redemption) moves at most 1,000,000,000 of them and a wallet holds at most 1,000,000,000,000,000; beyond either the answer is 422 rule_violation.',
  'Text in bodies, query strings and paths must not contain control characters (U+0000–U+001F except tab, line feed and carriage return, and U+007F) or half a surrogate pair, path params must be valid percent-encoded UTF-8, and input nests at most 32 levels: otherwise 400 validation_failed.',
].join(' ')

function tagOf(path: string): string {
  const m = /^\/api\/v1\/([^/]+)/.exec(path)
  if (m) return m[1]!
  return path.split('/')[1] ?? 'other'
}

export function apiDocs(loadSpec: () => Promise<Spec>) {
  return new Elysia({ name: 'api-docs' })
    .use(
      openapi({
        provider: null,
        path: '/api/openapi',
        specPath: '/api/openapi.json',
        documentation: { info: { title: 'SalesArck API', version: '1.0.0', description: DESCRIPTION } },
        exclude: {
          paths: [/^(?!\/(api|webhooks|health|metrics|oauth|\.well-known)(\/|$))/, '/api/openapi.json', '/api/docs'],
        },
      }),
    )
    .get('/api/docs', async () => {
      const spec = await loadSpec()
      const operations: DocOperation[] = Object.entries(spec.paths)
        .filter(([path]) => PUBLIC_API.test(path))
        .flatMap(([path, ops]) =>
          Object.entries(ops).map(([method, op]) => ({
            method,
            path,
            summary: op.summary,
            tag: op.tags?.[0] ?? tagOf(path),
          })),
        )
      return ApiDocsPage({ title: spec.info.title, version: spec.info.version, operations })
    })
}
