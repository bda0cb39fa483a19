import type { PropsWithChildren } from '@kitajs/html'
import { BirthdayForm } from './birthday-form'
import { BaseLayout, type Nav } from '../layouts/base'
import { StatusCard } from '../components/system-status'
import { type ContactList, ContactsSection } from './contacts'

export type SwitcherOption = { tenantId: string; name: string; role: string; suspended: boolean }
export type Chrome = {
  csrfToken: string
  userLabel: string
  nav: Nav[]
  switcher: { options: SwitcherOption[]; activeTenantId: string | null }
}

/** Signed-in page chrome shared by portal pages: user, sign-out, nav and the switcher. */
export function PortalLayout(p: PropsWithChildren<{ title: string; chrome: Chrome }>) {
  const c = p.chrome
  return (
    <BaseLayout
      title={p.title}
      csrfToken={c.csrfToken}
      nav={c.nav}
      user={{ label: c.userLabel, signOutAction: '/signout' }}
      tenants={{
        current: c.switcher.activeTenantId,
        options: c.switcher.options.map((o) => ({ id: o.tenantId, name: o.name })),
        action: '/account/tenant',
      }}
    >
      {p.children}
    </BaseLayout>
  )
}

export type RoleLine = { role: string; tenantName?: string | undefined; status?: string | undefined }

export function AccountPage(p: {
  chrome: Chrome
  roles: RoleLine[]
  activeTenantName: string | null
  contacts: ContactList
  birthday: string | null
  notice?: string | undefined
}) {
  return (
    <PortalLayout title="Your account" chrome={p.chrome}>
      <section class="card">
        <h1>Your account</h1>
        {p.notice ? (
          <p class="alert alert-ok" role="status" safe>
            {p.notice}
          </p>
        ) : (
          ''
        )}
        <p>
          Active shop: <strong safe>{p.activeTenantName ?? 'none chosen'}</strong>
        </p>
        <ShopPicker
          csrfToken={p.chrome.csrfToken}
          options={p.chrome.switcher.options}
          activeTenantId={p.chrome.switcher.activeTenantId}
        />
        <h2>Your roles</h2>
        <ul id="roles">
          {p.roles.map((r) => (
            <li>
              <span class="badge" safe>
                {r.role}
              </span>{' '}
              <span safe>{r.tenantName ?? ''}</span>{' '}
              {r.status === 'suspended' ? <span class="badge err">suspended</span> : ''}
            </li>
          ))}
        </ul>
      </section>
      <ContactsSection csrfToken={p.chrome.csrfToken} contacts={p.contacts} />
      <StatusCard />
      <BirthdayForm birthday={p.birthday} />
    </PortalLayout>
  )
}

/** Every shop the user belongs to, each with its own switch button (the top-bar switcher shows from two). */
function ShopPicker(p: { csrfToken: string; options: SwitcherOption[]; activeTenantId: string | null }) {
  if (p.options.length === 0) return ''
  return (
    <>
      <h2>Your shops</h2>
      <ul class="stack" id="shops">
        {p.options.map((o) => (
          <li>
            <form method="post" action="/account/tenant" class="inline">
              <input type="hidden" name="_csrf" value={p.csrfToken} />
              <input type="hidden" name="tenant_id" value={o.tenantId} />
              <span safe>{o.name}</span>{' '}
              <span class="badge" safe>
                {o.role}
              </span>{' '}
              {o.suspended ? <span class="badge err">suspended</span> : ''}{' '}
              {o.tenantId === p.activeTenantId ? (
                <span class="badge ok">active</span>
              ) : (
                <button type="submit" class="secondary" aria-label={`Switch to ${o.name}`}>
                  Switch to this shop
                </button>
              )}
            </form>
          </li>
        ))}
      </ul>
    </>
  )
}
