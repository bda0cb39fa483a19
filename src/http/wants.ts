// What shape a response should take: JSON for the API, a full page for browsers, a fragment
// for htmx requests. One function so the error mapper and routes agree.
export type ResponseShape = 'json' | 'page' | 'fragment'

const JSON_PREFIXES = ['/api/', '/webhooks/', '/health/', '/metrics', '/oauth/', '/.well-known/', '/dev/outbox.json']

export function responseShape(request: Request): ResponseShape {
  const path = new URL(request.url).pathname
  if (JSON_PREFIXES.some((p) => path.startsWith(p))) return 'json'
  if (request.headers.get('hx-request') === 'true') return 'fragment'
  const accept = request.headers.get('accept') ?? ''
  return accept.includes('text/html') || accept === '' || accept.includes('*/*') ? 'page' : 'json'
}
