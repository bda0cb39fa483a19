// Small shared pieces of the portal routes.
import type { Entry } from '../../../ledger'
import { entryLabel } from '../../../ledger'
import type { LedgerRow } from '../../../../views/components/ledger-table'

/** The CSRF plugin derives csrfToken() globally; read it without depending on its types. */
export const csrfTokenOf = (ctx: unknown): string | undefined => (ctx as { csrfToken?: () => string }).csrfToken?.()

export const ledgerRows = (entries: Entry[]): LedgerRow[] =>
  entries.map((e) => ({
    id: e.id,
    label: entryLabel[e.type],
    points: e.points,
    balanceAfter: e.balanceAfter,
    explanation: e.explanation,
    at: e.createdAt.toISOString(),
  }))

export function redirect(set: { status?: number | string; headers: Record<string, string | number> }, to: string) {
  set.status = 303
  set.headers.location = to
  return ''
}
