// One poll of one connection: list sales changed since the stored cursor, follow pages, feed
// each page into the inbox, and move the cursor only after its page is stored (a crash re-reads
// a page, never skips one). A 429 stops the run and parks the connection until Retry-After;
// a 401 gets one forced refresh and one retry (O5), then counts as an API failure.
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import type { FetchDetailsError, FetchLike } from '../adapter'
import { posAdapters } from '../registry'
import { connectionAccessToken } from './access-token'
import { type Connection, getConnection, saveSync, updateConnection } from './connections.repo'
import { feedInbox } from './feed-inbox'
import { retryAfterMs } from './poll-plan'
import { providerApiBase } from './provider-api-base'
import { afterConnectionEvent, recordConnectionEvent } from './record-connection-event'

/** Bounds one run; the rest waits for the next tick from the stored cursor. */
const MAX_PAGES = 20
/** First poll of a connection looks back this far. */
const FIRST_LOOKBACK_MS = 60 * 60_000

export type PollOutcome = {
  status: 'done' | 'paused' | 'rate_limited' | 'failed'
  pages: number
  inserted: string[]
  error?: FetchDetailsError['code']
}

export async function pollConnection(
  deps: AppDeps,
  connectionId: string,
  opts: { fetch?: FetchLike; since?: Date } = {},
): Promise<PollOutcome> {
  const fetchFn = opts.fetch ?? fetch
  const c = await asSystem(deps.dbh.db, (tx) => getConnection(tx, connectionId))
  const out: PollOutcome = { status: 'done', pages: 0, inserted: [] }
  // A provider without a listing API is never polled (poll-due-connections.ts skips it).
  const poller = c && posAdapters[c.provider].polling
  if (!c || !poller) return { ...out, status: 'paused' }
  let token = await connectionAccessToken(deps, c, { fetch: fetchFn })
  if (!token.ok) return { ...out, status: 'paused' }
  const started = deps.clock()
  const cursor = c.sync.pollCursor ?? poller.cursorAt(opts.since ?? new Date(started.getTime() - FIRST_LOOKBACK_MS))
  let pageToken: string | null = null
  let retried401 = false
  let finished = false
  let mark = cursor
  while (out.pages < MAX_PAGES && !finished) {
    const ctx = { fetch: fetchFn, baseUrl: providerApiBase(deps.config, c), accessToken: token.value }
    const page = await poller.page(ctx, { merchantId: c.externalMerchantId, cursor, pageToken, until: started })
    if (!page.ok) {
      if (page.error.code === 'unauthorized' && !retried401) {
        retried401 = true
        token = await connectionAccessToken(deps, c, { fetch: fetchFn, force: true })
        if (!token.ok) return { ...out, status: 'paused' }
        continue
      }
      return finishWithError(deps, c, out, page.error, mark)
    }
    out.pages++
    const fed = await feedInbox(deps, c, page.value.sales)
    out.inserted.push(...fed.inserted)
    pageToken = page.value.nextPage
    finished = pageToken === null
    // The query's cursor stays fixed while paging; the mark to store is the newest change seen
    // (results come oldest first). Toast's mark is a window end, valid only once it is all read.
    if (finished || c.provider !== 'toast') mark = page.value.cursor
  }
  const now = deps.clock()
  const recorded = await asSystem(deps.dbh.db, async (tx) => {
    await saveSync(tx, c, { pollCursor: mark, pollNotBefore: null }, now)
    await updateConnection(tx, c.id, { lastPolledAt: now })
    const locked = await getConnection(tx, c.id, { lock: true })
    return locked && recordConnectionEvent(tx, locked, { type: 'api_call_succeeded' }, now)
  })
  if (recorded) await afterConnectionEvent(deps, recorded)
  return out
}

// Pages already stored keep their progress (`mark`) whatever stopped the run.
async function finishWithError(
  deps: AppDeps,
  c: Connection,
  out: PollOutcome,
  error: FetchDetailsError,
  mark: string,
): Promise<PollOutcome> {
  const now = deps.clock()
  if (error.code === 'rate_limited') {
    const wait = retryAfterMs(error.retryAfter, now, deps.config.POS_POLL_INTERVAL_S * 1000)
    await asSystem(deps.dbh.db, async (tx) => {
      await saveSync(tx, c, { pollCursor: mark, pollNotBefore: new Date(now.getTime() + wait) }, now)
      await updateConnection(tx, c.id, { lastPolledAt: now })
    })
    return { ...out, status: 'rate_limited', error: error.code }
  }
  const recorded = await asSystem(deps.dbh.db, async (tx) => {
    await saveSync(tx, c, { pollCursor: mark }, now)
    await updateConnection(tx, c.id, { lastPolledAt: now })
    const locked = await getConnection(tx, c.id, { lock: true })
    const lastError = `polling failed: provider API ${error.status ? `answered HTTP ${error.status}` : 'unreachable'}`
    return (
      locked &&
      recordConnectionEvent(tx, locked, { type: 'api_call_failed', status: error.status ?? null }, now, lastError)
    )
  })
  if (recorded) await afterConnectionEvent(deps, recorded)
  return { ...out, status: 'failed', error: error.code }
}
