// Front door of the POS connection lifecycle (issue 7): connect flows, token refresh,
// revocation, polling fallback, nightly reconciliation and the merchant's view of it all.
// Routes and jobs import from here only. See docs/decisions/0011-pos-token-encryption-and-refresh.md.
export { completeConnect } from './complete-connect'
export { connectToast } from './connect-toast'
export { disconnectConnection, MERCHANT_DISCONNECT_REASON } from './disconnect-connection'
export { listMerchantConnections, type MerchantConnection } from './list-merchant-connections'
export { pollConnection, type PollOutcome } from './poll-connection'
export { enqueueDuePolls, POLL_CONNECTION_JOB } from './poll-due-connections'
export { providerName } from './provider-names'
export { reconcilePos } from './reconcile-pos'
export { reencryptTokens } from './reencrypt-tokens'
export { refreshConnectionToken, type RefreshOutcome } from './refresh-connection'
export { refreshDueTokens } from './refresh-due-tokens'
export { REFRESH_JOB } from './refresh-retry'
export { isIngestionPaused, revokeConnection } from './revoke-connection'
export { type ConnectActor, startConnect } from './start-connect'
export type { ConnectionStatus } from './connection-status'
export type { ProviderSlug } from './oauth-common'
