// The account page's birthday form (same rule as PATCH /api/v1/me).
import { Elysia } from 'elysia'
import { z } from 'zod'
import { BirthdayForm } from '../../../../views/auth/birthday-form'
import { setBirthday } from '../../../auth'
import type { AppDeps } from '../../../infra/deps'
import { AppError } from '../../../shared/errors'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'

export function accountBirthdayPortal(deps: AppDeps) {
  return new Elysia({ name: 'portal-account-birthday' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .post(
      '/account/birthday',
      async ({ actor, body, set }) => {
        const typed = body.month || body.day ? `${body.month}-${body.day.padStart(2, '0')}` : null
        try {
          return BirthdayForm({ birthday: await setBirthday(deps.dbh.db, actor.userId, typed), saved: true })
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          set.status = 400
          return BirthdayForm({ birthday: null, error: 'Choose a month and a day that exists in it.' })
        }
      },
      {
        auth: 'consumer',
        body: z.object({ month: z.string().max(2).default(''), day: z.string().trim().max(2).default('') }).loose(),
      },
    )
}
