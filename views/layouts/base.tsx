import type { PropsWithChildren } from '@kitajs/html'
import { ConnectionHealthSlot } from '../components/connection-health-badge'

export type Nav = { href: string; label: string; current?: boolean }

type Props = PropsWithChildren<{
  title: string
  nav?: Nav[]
  csrfToken?: string
  user?: { label: string; signOutAction: string } | undefined
  /** Shops the user can act for; shown as a switcher when there is more than one. */
  tenants?: { current: string | null; options: { id: string; name: string }[]; action: string } | undefined
}>

function TenantSwitcher(p: NonNullable<Props['tenants']> & { csrfToken?: string | undefined }) {
  if (p.options.length < 2) return ''
  return (
    <form method="post" action={p.action} class="inline tenant-switcher">
      {p.csrfToken ? <input type="hidden" name="_csrf" value={p.csrfToken} /> : ''}
      <label class="sr-only" for="tenant-switch">
        Shop
      </label>
      <select id="tenant-switch" name="tenant_id" data-autosubmit>
        {p.options.map((o) => (
          <option value={o.id} selected={o.id === p.current} safe>
            {o.name}
          </option>
        ))}
      </select>
      <button class="secondary small">Switch</button>
    </form>
  )
}

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
        </head>
        <body {...(hxHeaders ? { 'hx-headers:inherited': hxHeaders } : {})}>
          <header class="topbar">
            <a href="/" class="brand">
              <span class="brand-mark">◆</span> SalesArck
            </a>
            {p.nav?.length ? (
              <nav class="nav">
                {p.nav.map((n) => (
                  <a href={n.href} class={n.current ? 'current' : ''} safe>
                    {n.label}
                  </a>
                ))}
              </nav>
            ) : (
              ''
            )}
            <div class="topbar-right">
              {/* Merchant pages (their nav links into /merchant/) carry the POS health badge. */}
              {p.nav?.some((n) => n.href.startsWith('/merchant/')) ? <ConnectionHealthSlot /> : ''}
              {p.tenants ? <TenantSwitcher {...p.tenants} csrfToken={p.csrfToken} /> : ''}
              {p.user ? (
                <form method="post" action={p.user.signOutAction} class="inline">
                  {p.csrfToken ? <input type="hidden" name="_csrf" value={p.csrfToken} /> : ''}
                  <span class="muted" safe>
                    {p.user.label}
                  </span>{' '}
                  <button class="link">Sign out</button>
                </form>
              ) : (
                ''
              )}
            </div>
          </header>
          <main class="container">{p.children}</main>
        </body>
      </html>
    </>
  )
}
