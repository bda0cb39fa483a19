// Front door of POS ingestion: receipt into the inbox, the processing job's use case, the
// sweeper, admin linking and replay, and the merchant's transaction list. Routes and jobs
// import from here; polling (issue 7) feeds the same inbox through ingestEvent.
export { receiveWebhook, ingestEvent, type ReceiveOutcome, type IngestResult } from './receive-webhook'
export { PROCESS_POS_EVENT, type ProcessPosEventData } from './enqueue-events'
export { processInboxEvent, processInboxEvents, type ProcessOutcome, type RowResult } from './process-event'
export { markEventFailed } from './mark-failed'
export { PermanentIngestError } from './errors'
export { sweepInbox } from './sweep-inbox'
export { linkMerchantManually, type LinkResult } from './link-merchant'
export { replayWebhookEvent } from './replay-event'
export { listWebhookEvents, type WebhookEventFilter, type WebhookEventView } from './list-events'
export { listTransactions, type TransactionFilter, type TransactionView } from './list-transactions'
export { attachIdentity } from './attach-identity'
export { identityPriority, setIdentityPriority } from './ingest-settings'
export { transactionReasons, type TransactionReason } from './reasons'
export { purgeInboxBodies, INBOX_BODY_RETENTION_DAYS } from './purge-bodies'
export { oldestUnprocessedAgeSeconds } from './inbox-lag'
export { CLAIM_WINDOW_DAYS, claimSale, type ClaimResult, issueSaleClaim, type SaleClaim } from './sale-claims'
