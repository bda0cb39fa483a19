// Admin console for running the platform: POS connections across tenants, one wallet's ledger
// laid open, and the dead-letter queue with replay-all. What the runbooks (docs/runbooks/)
// send an operator to look at.
import { Elysia } from 'elysia'
import { z } from 'zod'
import {
  type AdminConnectionView,
  AdminConnectionsPage,
  CONNECTION_STATUSES,
  ConnectionRows,
} from '../../../../views/admin/connections'
import { type DeadLetterView, DeadLetterPage, DeadLetterSection } from '../../../../views/admin/dead-letter'
import { WalletInspectorPage } from '../../../../views/admin/wallet-inspector'
import { recordAudit } from '../../../audit'
import { type DeadLetter, type DeadLetterFilter, listDeadLetters, replayDeadLetters } from '../../../infra/dead-letter'
import type { AppDeps } from '../../../infra/deps'
import { queueNames } from '../../../infra/queue'
import { asSystem } from '../../../infra/scope'
import { inspectWallet } from '../../../ledger'
import { type AdminConnectionRow, listConnectionsForAdmin } from '../../../pos/connection'
import { posProviders, providerOptions } from '../../../pos'
import { notFound } from '../../../shared/errors'
import { authPlugin } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'
import { portalChrome } from './chrome'
import { ledgerRows } from './portal-helpers'

const connectionsQuery = z.object({
  provider: z.union([z.enum(posProviders), z.literal('')]).default(''),
  status: z
    .union([z.enum(Object.keys(CONNECTION_STATUSES) as [keyof typeof CONNECTION_STATUSES]), z.literal('')])
    .default(''),
})
const deadLetterQuery = z.object({
  queue: z.union([z.enum(queueNames), z.literal('')]).default(''),
  job: z.string().trim().max(100).default(''),
  reason: z.string().trim().max(200).default(''),
})
const replayForm = z
  .object({
    queue: z.union([z.enum(queueNames), z.literal('')]).default(''),
    job: z.string().trim().max(100).default(''),
    reason_contains: z.string().trim().max(200).default(''),
    reason: z.string().trim().min(3, 'Say why you are replaying (at least 3 characters)').max(500),
  })
  .loose()

const iso = (d: Date | null) => d?.toISOString() ?? null
const connectionView = (c: AdminConnectionRow): AdminConnectionView => ({
  ...c,
  statusChangedAt: c.statusChangedAt.toISOString(),
  lastEventAt: iso(c.lastEventAt),
  reconnectEmailAt: iso(c.reconnectEmailAt),
})
const deadLetterView = (d: DeadLetter): DeadLetterView => ({ ...d, at: d.at.toISOString() })
const filterOf = (q: { queue: string; job: string; reason: string }): DeadLetterFilter => ({
  ...(q.queue && { queue: q.queue }),
  ...(q.job && { job: q.job }),
  ...(q.reason && { reason: q.reason }),
})

export function adminOperationsPortal(deps: AppDeps) {
  const db = deps.dbh.db
  return new Elysia({ name: 'portal-admin-operations' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .get(
      '/admin/connections',
      async ({ actor, csrfToken, query, request, set }) => {
        const rows = (
          await listConnectionsForAdmin(db, {
            limit: 500,
            ...(query.provider && { provider: query.provider }),
            ...(query.status && { status: query.status }),
          })
        ).map(connectionView)
        set.headers.vary = 'HX-Request'
        if (request.headers.get('hx-request') === 'true') return ConnectionRows({ rows })
        return AdminConnectionsPage({
          rows,
          filters: query,
          providers: providerOptions,
          chrome: await portalChrome(db, actor, csrfToken(), '/admin/connections'),
        })
      },
      { auth: 'admin', query: connectionsQuery },
    )
    .get(
      '/admin/wallets/:walletId',
      async ({ actor, csrfToken, params }) => {
        const w = await inspectWallet(db, params.walletId)
        if (!w) throw notFound('Wallet')
        const v = {
          walletId: w.wallet.id,
          tenantName: w.wallet.tenantName,
          balance: w.wallet.balance,
          ledgerSum: w.ledgerSum,
          entryCount: w.entryCount,
          openLotPoints: w.openLotPoints,
          entries: ledgerRows(w.entries),
          lots: w.lots.map((l) => ({
            id: l.id,
            points: l.points,
            remaining: l.remaining,
            expiresAt: iso(l.expiresAt),
            createdAt: l.createdAt.toISOString(),
          })),
        }
        return WalletInspectorPage({ v, chrome: await portalChrome(db, actor, csrfToken(), '/admin/people') })
      },
      { auth: 'admin' },
    )
    .get(
      '/admin/dead-letter',
      async ({ actor, csrfToken, query, request, set }) => {
        const rows = (await listDeadLetters(deps.queues, filterOf(query))).map(deadLetterView)
        set.headers.vary = 'HX-Request'
        if (request.headers.get('hx-request') === 'true') return DeadLetterSection({ rows, filters: query })
        return DeadLetterPage({
          rows,
          filters: query,
          queues: queueNames,
          chrome: await portalChrome(db, actor, csrfToken(), '/admin/dead-letter'),
        })
      },
      { auth: 'admin', query: deadLetterQuery },
    )
    .post(
      '/admin/dead-letter/replay',
      async ({ actor, body }) => {
        const filters = { queue: body.queue, job: body.job, reason: body.reason_contains }
        const result = await replayDeadLetters(deps.queues, filterOf(filters))
        await asSystem(db, (tx) =>
          recordAudit(tx, {
            actorUserId: actor.userId,
            action: 'dead_letter.replay',
            target: { type: 'dead_letter_queue', id: filters.queue || 'all' },
            before: { filter: filters, entries: [...result.replayed, ...result.missing] },
            after: { replayed: result.replayed.length, already_gone: result.missing.length },
            reason: body.reason,
            at: deps.clock(),
          }),
        )
        const rows = (await listDeadLetters(deps.queues, filterOf(filters))).map(deadLetterView)
        const gone = result.missing.length
          ? ` ${result.missing.length} could not be retried (no longer kept) and were cleared.`
          : ''
        return DeadLetterSection({
          rows,
          filters,
          notice: `Replayed ${result.replayed.length} job${result.replayed.length === 1 ? '' : 's'}.${gone}`,
        })
      },
      { auth: 'admin', body: replayForm },
    )
}
