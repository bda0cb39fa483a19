// Provider slug → its LIST client and the cursor format it keeps, explicit like registry.ts.
import type { FetchContext, FetchDetailsError } from '../adapter'
import * as clover from '../clover/list-sales'
import type { SalesPage } from '../kit/list-page'
import * as lightspeed from '../lightspeed/list-sales'
import * as shopify from '../shopify/list-sales'
import * as square from '../square/list-sales'
import * as toast from '../toast/list-sales'
import type { Result } from '../../shared/result'
import type { ProviderSlug } from './oauth-common'

export type PageQuery = { merchantId: string; cursor: string; pageToken: string | null; until: Date }

export type Poller = {
  page(ctx: FetchContext, q: PageQuery): Promise<Result<SalesPage, FetchDetailsError>>
  /** The cursor meaning "changes since this time". Lightspeed's feed has no time filter: from the start. */
  cursorAt(d: Date): string
}

const iso = (d: Date) => d.toISOString()

export const pollers: Record<ProviderSlug, Poller> = {
  square: { page: square.listSalesPage, cursorAt: iso },
  clover: { page: clover.listSalesPage, cursorAt: clover.cursorAt },
  shopify: { page: shopify.listSalesPage, cursorAt: iso },
  lightspeed: { page: lightspeed.listSalesPage, cursorAt: () => '0' },
  toast: { page: toast.listSalesPage, cursorAt: iso },
}
