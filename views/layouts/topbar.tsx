import { ConnectionHealthSlot } from '../components/connection-health-badge'

export type Nav = { href: string; label: string; current?: boolean }

export type TopbarProps = {
  nav?: Nav[] | undefined
  csrfToken?: string | undefined
  user?: { label: string; signOutAction: string } | undefined
  /** Shops the user can act for; shown as a switcher when there is more than one. */
  tenants?: { current: string | null; options: { id: string; name: string }[]; action: string } | undefined
  /** Merchant pages show the POS health badge (loaded by htmx, empty when all is well). */
  showConnectionHealth?: boolean | undefined
}

/** The page header: brand, the viewer's nav, POS health, shop switcher, who is signed in. */
export function Topbar(p: TopbarProps) {
  const merchantPage = p.showConnectionHealth ?? p.nav?.some((n) => n.href.startsWith('/merchant/')) ?? false
  return (
    <header class="topbar">
      <a href="/" class="brand">
        <span class="brand-mark">◆</span> SalesArck
      </a>
      {p.nav?.length ? (
        <>
          <NavLinks nav={p.nav} class="nav nav-wide" label="Main" />
          {/* On a phone the same links fold into a menu; <details> opens without JavaScript. */}
          <details class="nav-menu">
            <summary>Menu</summary>
            <NavLinks nav={p.nav} class="nav" label="Main menu" />
          </details>
        </>
      ) : (
        ''
      )}
      <div class="topbar-right">
        {merchantPage ? <ConnectionHealthSlot /> : ''}
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
  )
}

function NavLinks(p: { nav: Nav[]; class: string; label: string }) {
  return (
    <nav class={p.class} aria-label={p.label}>
      {p.nav.map((n) => (
        <a href={n.href} class={n.current ? 'current' : ''} {...(n.current ? { 'aria-current': 'page' } : {})} safe>
          {n.label}
        </a>
      ))}
    </nav>
  )
}

function TenantSwitcher(p: NonNullable<TopbarProps['tenants']> & { csrfToken?: string | undefined }) {
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
