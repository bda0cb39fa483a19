// Every signed-in portal page gets the same header: the viewer's nav for their roles right now,
// POS health for merchants, the shop switcher and sign-out. Pages render their content with
// the plain layout; this replaces the layout's header with the viewer's, in one place, so no
// page can show a stale or partial nav. Only full HTML pages of routes that resolved an actor
// are touched (htmx fragments, JSON and public pages pass through). A POST that answers with a
// full page (a form re-shown with its error) gets the same header as the GET did.
import { Elysia } from 'elysia'
import { Topbar } from '../../../views/layouts/topbar'
import type { Actor } from '../../auth'
import type { AppDeps } from '../../infra/deps'
import { portalChrome } from '../routes/portal/chrome'

const HEADER = /<header class="topbar">[\s\S]*?<\/header>/

export function portalChromePlugin(deps: AppDeps) {
  return new Elysia({ name: 'portal-chrome' }).onAfterHandle({ as: 'global' }, async (ctx) => {
    const { request, response } = ctx
    const actor = (ctx as unknown as { actor?: Actor }).actor
    if (!actor || typeof response !== 'string' || !response.startsWith('<!doctype html>')) return
    const csrf = (ctx as unknown as { csrfToken?: () => string }).csrfToken?.() ?? ''
    const chrome = await portalChrome(deps.dbh.db, actor, csrf, new URL(request.url).pathname)
    const header = await Topbar({
      nav: chrome.nav,
      csrfToken: csrf,
      user: { label: chrome.userLabel, signOutAction: '/signout' },
      tenants: {
        current: chrome.switcher.activeTenantId,
        options: chrome.switcher.options.map((o) => ({ id: o.tenantId, name: o.name })),
        action: '/account/tenant',
      },
      showConnectionHealth: !!actor.tenant && actor.tenant.status === 'active',
    })
    return response.replace(HEADER, () => header)
  })
}
