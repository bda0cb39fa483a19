// Consumer notices about something about to lapse (src/notices, ADR 0024). Both decide when
// they run, not when they were queued: a used code or spent points send nothing.
import { z } from 'zod'
import type { AppDeps } from '../src/infra/deps'
import { notifyCodeExpiring, notifyPointsExpiring } from '../src/notices'

const code = z.object({ tenantId: z.string().min(1), redemptionId: z.string().min(1) })

/** Delayed, five minutes before one code lapses. */
export const codeExpiringJob = async (deps: AppDeps, data: unknown) => ({
  sent: await notifyCodeExpiring(deps, code.parse(data)),
})

/** Hourly; each shop's wallets are looked at in its own 10 o'clock hour. */
export const pointsExpiringJob = (deps: AppDeps) => notifyPointsExpiring(deps)
