// Calling the admin console as a browser would: a CSRF cookie and its header on every write,
// urlencoded forms, and HX-Request when htmx makes the call.
import type { TestApp } from '../helpers/app'
import type { Caller } from '../helpers/identities'

const CSRF = 'adminadminadminadminadminadmin00'

export async function portal(
  app: TestApp,
  caller: Caller,
  path: string,
  opts: { form?: Record<string, string>; htmx?: boolean } = {},
) {
  const headers: Record<string, string> = {
    ...caller.headers,
    accept: 'text/html',
    cookie: `sa_csrf=${CSRF}`,
    'x-csrf-token': CSRF,
  }
  if (opts.htmx) headers['hx-request'] = 'true'
  if (opts.form) headers['content-type'] = 'application/x-www-form-urlencoded'
  const res = await app.request(path, {
    method: opts.form ? 'POST' : 'GET',
    headers,
    ...(opts.form ? { body: new URLSearchParams(opts.form).toString() } : {}),
  })
  return { status: res.status, text: await res.text(), headers: res.headers }
}

export type PortalCall = { path: string; form?: Record<string, string> }

/** Each non-admin role of the usual cast gets 403 from every listed call. */
export async function refusedToNonAdmins(
  app: TestApp,
  cast: { consumer: Caller; staff: Caller; owner: Caller },
  calls: PortalCall[],
) {
  const seen: string[] = []
  for (const [role, caller] of Object.entries({ consumer: cast.consumer, staff: cast.staff, owner: cast.owner })) {
    for (const c of calls)
      seen.push(`${role} ${c.path} → ${(await portal(app, caller, c.path, c.form ? { form: c.form } : {})).status}`)
  }
  return seen.filter((s) => !s.endsWith('→ 403'))
}
