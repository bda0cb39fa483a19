import type { PropsWithChildren } from '@kitajs/html'
import { type TopbarProps, Topbar } from './topbar'

export type { Nav } from './topbar'

type Props = PropsWithChildren<
  { title: string; csrfToken?: string /** Page-specific behaviour from /assets. */; scripts?: string[] } & Omit<
    TopbarProps,
    'csrfToken'
  >
>

/**
 * The one page shell. No inline script (the CSP forbids it): htmx is configured through its
 * meta tag, and the CSRF token travels in hx-headers inherited from <body>.
 */
export function BaseLayout(p: Props) {
  const hxHeaders = p.csrfToken ? JSON.stringify({ 'X-CSRF-Token': p.csrfToken }) : undefined
  return (
    <>
      {'<!doctype html>'}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${p.title} · SalesArck`}</title>
          <meta name="htmx-config" content='{"noSwap":[204,304,"5xx"],"includeIndicatorCSS":false}' />
          {p.csrfToken ? <meta name="csrf-token" content={p.csrfToken} /> : ''}
          <link rel="stylesheet" href="/assets/app.css" />
          <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
          <script src="/assets/htmx.min.js" defer></script>
          <script src="/assets/app.js" defer></script>
          {(p.scripts ?? []).map((src) => (
            <script src={src} defer></script>
          ))}
        </head>
        <body {...(hxHeaders ? { 'hx-headers:inherited': hxHeaders } : {})}>
          <Topbar nav={p.nav} csrfToken={p.csrfToken} user={p.user} tenants={p.tenants} />
          <main class="container">{p.children}</main>
        </body>
      </html>
    </>
  )
}
