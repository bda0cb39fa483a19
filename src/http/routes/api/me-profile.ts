// PATCH /api/v1/me {"birthday":"MM-DD"|null} (api-v1.md): what a consumer chooses to tell us
// about themselves. Today only the birthday, for birthday gifts; null removes it, absent keeps it.
import { Elysia } from 'elysia'
import { z } from 'zod'
import { birthdayOf, setBirthday } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { authPlugin } from '../../plugins/auth'

export function meProfileApi(deps: AppDeps) {
  return new Elysia({ name: 'api-me-profile' }).use(authPlugin(deps)).patch(
    '/api/v1/me',
    async ({ actor, body }) => ({
      birthday:
        body.birthday === undefined
          ? await birthdayOf(deps.dbh.db, actor.userId)
          : await setBirthday(deps.dbh.db, actor.userId, body.birthday),
    }),
    {
      auth: 'consumer',
      body: z.object({ birthday: z.string().max(5).nullable().optional() }),
    },
  )
}
