// Front door of the POS connection lifecycle (issue 7): connect flows, token refresh,
// revocation, polling fallback, nightly reconciliation and the merchant's view of it all.
// Routes and jobs import from here only. See docs/decisions/0011-pos-token-encryption-and-refresh.md.
export { completeConnect, MERCHANT_MISMATCH } from './complete-connect'
export { connectToast } from './connect-toast'
export { disconnectConnection } from './disconnect-connection'
export { listMerchantConnections, type MerchantConnection } from './list-merchant-connections'
export { pollConnection, type PollOutcome } from './poll-connection'
export { enqueueDuePolls } from './poll-due-connections'
export { canConnect } from './provider-settings'
export { reconcilePos } from './reconcile-pos'
export { reencryptTokens } from './reencrypt-tokens'
export { refreshConnectionToken, type RefreshOutcome } from './refresh-connection'
export { refreshDueTokens } from './refresh-due-tokens'
export { revokeConnection } from './revoke-connection'
export { type ConnectActor, startConnect } from './start-connect'
export type { ConnectionStatus } from './connection-status'
export { listPosReconciliationReports, type PosReconciliationRow } from './list-reconciliation-reports'
export { countConnectionsByStatus, type ConnectionCount } from './count-connections'
export { listConnectionsForAdmin, type AdminConnectionFilter, type AdminConnectionRow } from './list-connections-admin'
export { latestCloverVerification, receiveCloverHandshake } from './webhook-verification'
export { activateToastConnection, listPendingOwnershipClaims, type PendingClaim } from './toast-ownership'
export {
  confirmCloverInstall,
  describeCloverInstall,
  INSTALL_TTL_MS,
  type ParkedInstall,
  parkCloverInstall,
} from './clover-install'
export { signedLinkKey } from './token-vault'
