// Static assets served by the app itself (no CDN): htmx 4, our stylesheet and small script.
import { Elysia } from 'elysia'

const htmxPath = Bun.resolveSync('htmx.org/dist/htmx.min.js', import.meta.dir)
// htmx 4's own SSE extension (hx-sse:connect; named events become DOM events), ADR 0024.
const htmxSsePath = Bun.resolveSync('htmx.org/dist/ext/hx-sse.min.js', import.meta.dir)
const publicDir = new URL('../../../public/', import.meta.url).pathname
const files: Record<string, string> = {
  'htmx.min.js': htmxPath,
  'hx-sse.js': htmxSsePath,
  'app.css': `${publicDir}app.css`,
  'app.js': `${publicDir}app.js`,
  'export-progress.js': `${publicDir}export-progress.js`,
  'scan.js': `${publicDir}scan.js`,
  'favicon.svg': `${publicDir}favicon.svg`,
}

export const assetRoutes = new Elysia({ name: 'assets' }).get('/assets/:file', ({ params, set, status }) => {
  const path = files[params.file]
  if (!path) return status(404, 'Not found')
  set.headers['cache-control'] = 'public, max-age=3600'
  return Bun.file(path)
})
