// Front door of the ledger: the only way points move. Entries are append-only (the database
// refuses UPDATE/DELETE), each effect is unique per (tenant, type, reference), and the wallet
// balance is a projection guarded in its own UPDATE. Decisions live in the pure files
// (lots, balance, redemption-code, explain); everything here is the shell around them.
export { earn, earnForMember, type EarnInput, type Posted } from './earn'
export { reverseEarn, reverseEarnPart, type ReversePartInput } from './reverse-earn-part'
export { adjustBalance, walletTenant, type AdjustInput } from './adjust-balance'
export { issueRedemption, type IssueInput } from './issue-redemption'
export { redeemPoints, type RedeemChoice, type Redeemed, type RedeemRequest } from './redeem-points'
export { completeRedemption, previewRedemption, REPEAT_CONFIRM_WINDOW_MS } from './complete-redemption'
export { expireRedemption, finishRedemption, sweepRedemptions } from './expire-redemption'
export { scheduleRedemptionExpiry, type ExpireRedemptionData } from './schedule-expiry'
export { findingsOf, listRuns, MANUAL_RECONCILE_JOB_ID, manualReconcileJobId } from './reconcile-runs'
export {
  reconcileLedger,
  type Finding,
  type ReconcileOptions,
  type RunProgress as ReconcileProgress,
  type RunResult,
} from './reconcile'
export { entryJson, walletStatement } from './statement'
export { liveRedemptions, ownedRedemption, type Redemption } from './redemption.repo'
export type { Entry } from './ledger.repo'
export { entryLabel } from './explain'
export { codeFromBytes, formatCode, normalizeCode, CODE_LENGTH } from './redemption-code'
export { recomputeTenantTiers, refreshMemberTier, tierPointsOfMember, walletTierPoints } from './member-tier'
export {
  ledgerEntries,
  lotAllocations,
  lots,
  reconciliationRuns,
  redemptions,
  wallets,
  type EntryType,
} from './ledger.schema'
export { ensureWallet, type Wallet } from './wallets'
export { ownedWallet, walletsOfUser, type PersonWallet } from './person-wallets'
export { programmeStats, type DayFlow, type ProgrammeStats } from './programme-stats'
export { rollupLedgerFlows, rollupMark, rollupTenantFlows } from './flow-rollup'
export { pointsBreakdown, type PointsBreakdown } from './points-breakdown'
export { expireDueLots } from './expire-due-lots'
export { nextExpiry, type NextExpiry } from './next-expiry'
export { walletLots } from './wallet-lots'
export type { OpenLot } from './lots'
export { inspectWallet, type WalletInspection } from './inspect-wallet'
export { alreadyImportedMembers, creditOpeningBalances, type OpeningBalance } from './credit-opening-balances'
