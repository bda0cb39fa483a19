// Ways out of consumer notifications that need no sign-in (ADR 0024): the signed unsubscribe
// link in every email, and inbound texts from the SMS provider (Twilio's webhook), where "STOP"
// withdraws that number's text consent for every shop.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { Elysia, t } from 'elysia'
import { UnsubscribePage } from '../../../views/consumer/notice-settings'
import type { AppDeps } from '../../infra/deps'
import { isStopMessage, readUnsubscribe, setConsent, stopTextsTo } from '../../notices'
import { AppError } from '../../shared/errors'
import { getTenant } from '../../tenancy'
import { csrfTokenOf } from './portal/portal-helpers'

const WITHDRAWN_BY_LINK = 'Followed the unsubscribe link in a notification.'

/** Twilio's request signature: base64 HMAC-SHA1 of the URL and the sorted form fields. */
export function twilioSignature(authToken: string, url: string, form: Record<string, string>): string {
  const payload =
    url +
    Object.keys(form)
      .sort()
      .map((k) => k + form[k])
      .join('')
  return createHmac('sha1', authToken).update(payload).digest('base64')
}

export function consumerNoticeRoutes(deps: AppDeps) {
  const db = deps.dbh.db
  async function linkTarget(token: string | undefined) {
    const claims = await readUnsubscribe(deps.keyring, token, deps.clock())
    const shop = claims ? await getTenant(db, claims.tenantId) : null
    if (!claims || !shop) throw new AppError('not_found', 'This unsubscribe link is not valid')
    return { claims, shop }
  }
  return new Elysia({ name: 'consumer-notices' })
    .get(
      '/unsubscribe',
      async (ctx) => {
        const { claims, shop } = await linkTarget(ctx.query.token)
        return UnsubscribePage({
          shopName: shop.name,
          channel: claims.channel,
          token: ctx.query.token ?? '',
          csrfToken: csrfTokenOf(ctx),
          done: false,
        })
      },
      { query: t.Object({ token: t.Optional(t.String({ maxLength: 2000 })) }) },
    )
    .post(
      '/unsubscribe',
      async (ctx) => {
        const { claims, shop } = await linkTarget(ctx.body.token)
        await setConsent(
          db,
          { tenantId: shop.id },
          {
            userId: claims.userId,
            channel: claims.channel,
            given: false,
            source: 'unsubscribe_link',
            wording: WITHDRAWN_BY_LINK,
            now: deps.clock(),
          },
        )
        return UnsubscribePage({
          shopName: shop.name,
          channel: claims.channel,
          token: '',
          csrfToken: csrfTokenOf(ctx),
          done: true,
        })
      },
      { body: t.Object({ token: t.String({ maxLength: 2000 }), _csrf: t.Optional(t.String()) }) },
    )
    .post(
      '/webhooks/sms/inbound',
      async ({ body, request, set }) => {
        const authToken = deps.config.TWILIO_AUTH_TOKEN
        if (!authToken) throw new AppError('not_found', 'Not found')
        const url = new URL('/webhooks/sms/inbound', deps.config.APP_BASE_URL).toString()
        const form = Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
        const expected = Buffer.from(twilioSignature(authToken, url, form))
        const presented = Buffer.from(request.headers.get('x-twilio-signature') ?? '')
        if (expected.length !== presented.length || !timingSafeEqual(expected, presented))
          throw new AppError('unauthorized', 'Bad signature')
        if (typeof form.From === 'string' && isStopMessage(form.Body ?? ''))
          await stopTextsTo(db, form.From, deps.clock())
        set.headers['content-type'] = 'text/xml'
        return '<Response></Response>'
      },
      { body: t.Record(t.String(), t.String({ maxLength: 2000 })) },
    )
}
