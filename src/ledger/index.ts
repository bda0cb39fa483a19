// Front door of the ledger: the only way points move. Entries are append-only (the database
// refuses UPDATE/DELETE), each effect is unique per (tenant, type, reference), and the wallet
// balance is a projection guarded in its own UPDATE. Decisions live in the pure files
// (lots, balance, redemption-code, explain); everything here is the shell around them.
export { earn, expireLots, type EarnInput, type Posted } from './earn'
export { reverseEarn, reverseEarnPart, type ReversePartInput } from './reverse-earn-part'
export { adjustBalance, walletTenant, type AdjustInput } from './adjust-balance'
export { issueRedemption, type IssueInput } from './issue-redemption'
export { completeRedemption, previewRedemption, REPEAT_CONFIRM_WINDOW_MS } from './complete-redemption'
export { expireRedemption, finishRedemption, sweepRedemptions } from './expire-redemption'
export { redemptionPolicyFor } from './redemption-policy'
export { scheduleRedemptionExpiry, EXPIRE_REDEMPTION_JOB, type ExpireRedemptionData } from './schedule-expiry'
export { findingsOf, listRuns, reconcileLedger, type Finding, type RunResult } from './reconcile'
export { entryJson, walletStatement } from './statement'
export { liveRedemptions, ownedRedemption, type Redemption } from './redemption.repo'
export type { Entry } from './ledger.repo'
export { entryLabel } from './explain'
export { codeFromBytes, formatCode, normalizeCode, CODE_ALPHABET, CODE_BITS, CODE_LENGTH } from './redemption-code'
export { entryTypes, ledgerEntries, lotAllocations, lots, reconciliationFindings, reconciliationRuns, redemptions, type EntryType } from './ledger.schema'
export { programmeStats, type DayFlow, type ProgrammeStats } from './programme-stats'
export { expireDueLots } from './expire-due-lots'
export { nextExpiry, type NextExpiry } from './next-expiry'
export { inspectWallet, type WalletInspection } from './inspect-wallet'
export { alreadyImportedMembers, creditOpeningBalances, type OpeningBalance } from './credit-opening-balances'
