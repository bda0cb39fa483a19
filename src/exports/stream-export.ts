// An export as a byte stream: each pull reads one page in its own short tenant transaction and
// hands it on, so a million rows never sit in memory and no transaction stays open while a slow
// client downloads. CSV (spreadsheet-safe cells) or a JSON array of the same rows.
import type { Db } from '../infra/db'
import { inTenant, type TenantScope } from '../infra/scope'
import { csvLine } from '../shared/csv'
import { type Cursor, type ExportKind, exportSources, type Range } from './export-sources'

const PAGE = 2_000

export type ExportFormat = 'csv' | 'json'

export function streamExport(
  db: Db,
  scope: TenantScope,
  kind: ExportKind,
  range: Range,
  format: ExportFormat,
): ReadableStream<Uint8Array> {
  const source = exportSources[kind]
  const enc = new TextEncoder()
  let after: Cursor | null = null
  let started = false
  let first = true
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        controller.enqueue(enc.encode(format === 'csv' ? csvLine(source.columns) : '['))
      }
      const page = await inTenant(db, scope, (tx) => source.page(tx, scope, range, after, PAGE))
      let chunk = ''
      for (const row of page.rows) {
        if (format === 'csv') chunk += csvLine(source.columns.map((c) => row[c] ?? null))
        else {
          chunk += `${first ? '' : ','}${JSON.stringify(row)}`
          first = false
        }
      }
      if (chunk) controller.enqueue(enc.encode(chunk))
      after = page.next
      if (!after) {
        if (format === 'json') controller.enqueue(enc.encode(']'))
        controller.close()
      }
    },
  })
}

/** How many rows an export will hold, for the portal's progress bar. */
export function countExport(db: Db, scope: TenantScope, kind: ExportKind, range: Range): Promise<number> {
  return inTenant(db, scope, (tx) => exportSources[kind].count(tx, scope, range))
}
