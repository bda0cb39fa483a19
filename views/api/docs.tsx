import { BaseLayout } from '../layouts/base'

export type DocOperation = { method: string; path: string; summary?: string | undefined; tag: string }

/** A human page for the API, rendered from the live OpenAPI document (no CDN-hosted viewer). */
export function ApiDocsPage(p: { title: string; version: string; operations: DocOperation[] }) {
  const tags = [...new Set(p.operations.map((o) => o.tag))].sort()
  return (
    <BaseLayout title="API">
      <h1 safe>{`${p.title} v${p.version}`}</h1>
      <p class="muted">
        The contract is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3). Errors look like{' '}
        <code>{'{"error":{"code","message","request_id"}}'}</code>; writes that create money-like effects accept{' '}
        <code>Idempotency-Key</code>.
      </p>
      {tags.map((tag) => (
        <section class="card">
          <h2 safe>{tag}</h2>
          <table>
            <tbody>
              {p.operations
                .filter((o) => o.tag === tag)
                .map((o) => (
                  <tr>
                    <td class="small">
                      <span class="badge" safe>
                        {o.method.toUpperCase()}
                      </span>
                    </td>
                    <td>
                      <code safe>{o.path}</code>
                    </td>
                    <td class="muted small" safe>
                      {o.summary ?? ''}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </BaseLayout>
  )
}
