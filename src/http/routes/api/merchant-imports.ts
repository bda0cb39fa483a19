// POST /api/v1/merchant/imports/members?dry_run=true|false (api-v1.md): a text/csv body of
// phone, email, name, points. The portal posts the same file as a form upload to
// /merchant/imports/members and gets the report as a fragment. Owner only; audited; rerunning
// the same file imports nothing twice.
import { Elysia } from 'elysia'
import { z } from 'zod'
import { ImportReportView } from '../../../../views/merchant/data'
import { importMembers, type ImportReport } from '../../../imports'
import type { AppDeps } from '../../../infra/deps'
import { AppError } from '../../../shared/errors'
import { authPlugin, type MerchantActor, merchantScope } from '../../plugins/auth'
import { csrfProtection } from '../../plugins/csrf'

const apiQuery = z.object({ dry_run: z.enum(['true', 'false']).default('true') })
const portalForm = z.object({ file: z.instanceof(File), dry_run: z.enum(['true', 'false']).default('true') }).loose()

async function run(deps: AppDeps, actor: MerchantActor, csv: string, dryRun: boolean): Promise<ImportReport> {
  if (!csv.trim())
    throw new AppError('validation_failed', 'The file is empty', {
      fields: { file: 'Choose a CSV file with phone, email, name, points columns' },
    })
  const report = await importMembers(deps.dbh.db, merchantScope(actor), {
    csv,
    dryRun,
    actorUserId: actor.userId,
    now: deps.clock(),
  })
  if ('error' in report) throw new AppError('validation_failed', report.error, { fields: { file: report.error } })
  return report
}

export function merchantImportsRoutes(deps: AppDeps) {
  return new Elysia({ name: 'merchant-imports' })
    .use(authPlugin(deps))
    .use(csrfProtection({ secure: deps.config.COOKIE_SECURE }))
    .post(
      '/api/v1/merchant/imports/members',
      async ({ actor, query, request }) => {
        const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
        if (type !== 'text/csv') throw new AppError('unsupported_media_type', 'Send the members as text/csv')
        return run(deps, actor as MerchantActor, await request.text(), query.dry_run === 'true')
      },
      { auth: 'merchant_owner', query: apiQuery, parse: 'none' },
    )
    .post(
      '/merchant/imports/members',
      async ({ actor, body }) => {
        const dryRun = body.dry_run === 'true'
        return ImportReportView({
          report: await run(deps, actor as MerchantActor, await body.file.text(), dryRun),
          dryRun,
        })
      },
      { auth: 'merchant_owner', body: portalForm },
    )
}
