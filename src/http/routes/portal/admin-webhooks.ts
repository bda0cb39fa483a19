// Admin console: the webhook inbox (failed, unknown merchant, or everything recent) and replay.
// Replay is the use case POST /api/v1/admin/webhook-events/:id/replay calls, with the same
// default reason, so both leave the same audit record and re-enqueue the same way.
import { Elysia } from 'elysia'
import { z } from 'zod'
import {
  AdminWebhooksPage,
  type EventFilters,
  type EventRow,
  EventRowView,
  EventRows,
  VIEWS,
} from '../../../../views/admin/webhooks'
import type { AppDeps } from '../../../infra/deps'
import { listInboxEvents, replayInboxEvent, type InboxEventFilter, type InboxEventView } from '../../../pos/ingest'
import { posProviders, providerName, providerOptions } from '../../../pos'
import { notFound } from '../../../shared/errors'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { portalChrome } from './chrome'

const PAGE = 50
const DEFAULT_REASON = 'replayed by a platform admin'

const eventsQuery = z.object({
  view: z.enum(Object.keys(VIEWS) as [keyof typeof VIEWS]).default('failed'),
  provider: z.union([z.enum(posProviders), z.literal('')]).default(''),
  merchant: z.string().trim().max(200).default(''),
  before: z.iso.datetime().optional(),
  before_id: z.string().max(64).optional(),
})
type EventsQuery = z.infer<typeof eventsQuery>

const replayBody = z.object({ reason: z.string().trim().max(500).optional() }).loose()

const STATUS_OF_VIEW = { failed: 'failed', unmatched: 'unmatched_merchant', recent: undefined } as const

const toFilter = (q: EventsQuery): InboxEventFilter => ({
  limit: PAGE,
  ...(STATUS_OF_VIEW[q.view] && { status: STATUS_OF_VIEW[q.view] }),
  ...(q.provider && { provider: q.provider }),
  ...(q.merchant && { externalMerchantId: q.merchant }),
  ...(q.before && q.before_id && { before: { at: new Date(q.before), id: q.before_id } }),
})

const eventRow = (e: InboxEventView): EventRow => ({
  id: e.id,
  provider: e.provider,
  providerName: providerName(e.provider),
  eventType: e.eventType,
  externalMerchantId: e.externalMerchantId,
  tenantId: e.tenantId,
  source: e.source,
  status: e.status,
  attempts: e.attempts,
  lastError: e.lastError,
  receivedAt: e.receivedAt.toISOString(),
})

/** The next page's address, with the same filters, when this page is full. */
function olderLink(q: EventsQuery, rows: InboxEventView[]): string | null {
  const last = rows.at(-1)
  if (rows.length < PAGE || !last) return null
  return `/admin/webhook-events?${new URLSearchParams({ view: q.view, provider: q.provider, merchant: q.merchant, before: last.receivedAt.toISOString(), before_id: last.id })}`
}

export function adminWebhooksPortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-admin-webhooks' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/admin/webhook-events',
      async ({ actor, csrfToken, query, request, set }) => {
        const events = await listInboxEvents(db, toFilter(query))
        const filters: EventFilters = { view: query.view, provider: query.provider, merchant: query.merchant }
        const view = { rows: events.map(eventRow), filters, older: olderLink(query, events) }
        set.headers.vary = 'HX-Request'
        if (request.headers.get('hx-request') === 'true') return EventRows(view)
        return AdminWebhooksPage({
          ...view,
          providers: providerOptions,
          chrome: await portalChrome(db, actor, csrfToken(), '/admin/webhook-events'),
        })
      },
      { auth: 'admin', query: eventsQuery },
    )
    .post(
      '/admin/webhook-events/:id/replay',
      async ({ actor, params, body }) => {
        const replayed = await replayInboxEvent(deps, actor.userId, params.id, body.reason || DEFAULT_REASON)
        const [row] = await listInboxEvents(db, { id: replayed.id })
        if (!row) throw notFound('Webhook event')
        const notice =
          replayed.status === 'received'
            ? 'Replayed: queued for processing again.'
            : 'Still waiting for its merchant to be linked.'
        return EventRowView({ r: eventRow(row), notice })
      },
      { auth: 'admin', body: replayBody },
    )
}
