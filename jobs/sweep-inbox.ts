// Every 15 s: hand the queue any inbox event whose enqueue was lost (see src/pos/ingest/sweep-inbox.ts).
import type { AppDeps } from '../src/infra/deps'
import { sweepInbox } from '../src/pos/ingest'

export const sweepInboxJob = (deps: AppDeps) => sweepInbox(deps)
