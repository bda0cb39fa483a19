// How the admin console names the people behind ids (audit actors): their email, else their
// phone, else "a deleted user". Ids that are not users (system:…) are named for what ran them.
import { inArray } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { users } from './auth.schema'

export async function userLabels(db: Db, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id) => !id.startsWith('system:')))]
  const rows = wanted.length
    ? await db
        .select({ id: users.id, email: users.email, phone: users.phone })
        .from(users)
        .where(inArray(users.id, wanted))
    : []
  const labels = new Map<string, string>()
  for (const r of rows) labels.set(r.id, r.email ?? r.phone ?? 'a deleted user')
  for (const id of ids)
    if (!labels.has(id))
      labels.set(id, id.startsWith('system:') ? `System (${id.slice(7).replaceAll('-', ' ')})` : 'a deleted user')
  return labels
}
