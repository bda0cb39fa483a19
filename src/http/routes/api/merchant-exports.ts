// GET /api/v1/merchant/exports/{transactions|members|ledger}.{csv|json}?from&to (api-v1.md),
// also at /merchant/exports/… for the portal's download links (cookie session). Owner only:
// exports carry every member's full contact. Streamed; X-Export-Rows tells the portal's
// progress bar how many rows to expect.
import { Elysia } from 'elysia'
import { z } from 'zod'
import {
  countExport,
  exportKinds,
  exportRange,
  type ExportFormat,
  type ExportKind,
  streamExport,
} from '../../../exports'
import type { AppDeps } from '../../../infra/deps'
import { getTenant } from '../../../tenancy'
import { AppError, notFound } from '../../../shared/errors'
import { authPlugin, type MerchantActor, merchantScope } from '../../plugins/auth'

const FILE = /^(transactions|members|ledger)\.(csv|json)$/
const rangeQuery = z.object({ from: z.string().max(10).optional(), to: z.string().max(10).optional() })

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
}

async function exportResponse(
  deps: AppDeps,
  actor: MerchantActor,
  file: string,
  q: z.infer<typeof rangeQuery>,
): Promise<Response> {
  const m = FILE.exec(file)
  if (!m || !exportKinds.includes(m[1] as ExportKind)) throw notFound('Export')
  const [kind, format] = [m[1] as ExportKind, m[2] as ExportFormat]
  const scope = merchantScope(actor)
  const tenant = await getTenant(deps.dbh.db, scope.tenantId)
  if (!tenant) throw notFound('Shop')
  const range = exportRange(q.from, q.to, tenant.timeZone)
  if (!range)
    throw new AppError('validation_failed', 'Give dates as YYYY-MM-DD, with "from" before "to"', {
      fields: { from: 'YYYY-MM-DD', to: 'YYYY-MM-DD, on or after from' },
    })
  const rows = await countExport(deps.dbh.db, scope, kind, range)
  const name = [tenant.slug, kind, q.from, q.to].filter(Boolean).join('-')
  return new Response(streamExport(deps.dbh.db, scope, kind, range, format), {
    headers: {
      'content-type': CONTENT_TYPE[format],
      'content-disposition': `attachment; filename="${name}.${format}"`,
      'cache-control': 'no-store',
      'x-export-rows': String(rows),
    },
  })
}

export function merchantExportsRoutes(deps: AppDeps) {
  const handler = ({
    actor,
    params,
    query,
  }: {
    actor: unknown
    params: { file: string }
    query: z.infer<typeof rangeQuery>
  }) => exportResponse(deps, actor as MerchantActor, params.file, query)
  return new Elysia({ name: 'merchant-exports' })
    .use(authPlugin(deps))
    .get('/api/v1/merchant/exports/:file', handler, { auth: 'merchant_owner', query: rangeQuery })
    .get('/merchant/exports/:file', handler, { auth: 'merchant_owner', query: rangeQuery })
}
