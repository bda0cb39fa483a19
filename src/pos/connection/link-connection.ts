// The last step of every connect flow: attach the POS account to the tenant with fresh tokens.
// Reconnecting keeps the same connection id (Merge's relink) so history and cursors survive.
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { AppError } from '../../shared/errors'
import type { posConnectionSync } from './connection.schema'
import {
  findByExternalId,
  getConnection,
  insertConnection,
  recordChange,
  saveSync,
  updateConnection,
} from './connections.repo'
import type { PosProvider } from '../registry'
import type { TokenSet } from './oauth-token-set'
import { afterConnectionEvent, type RecordedEvent, recordConnectionEvent } from './record-connection-event'
import { sealTokens } from './seal-tokens'
import { tokenCipher } from './token-vault'
import { PENDING_OWNERSHIP_REASON } from './toast-ownership'

export type LinkInput = {
  tenantId: string
  provider: PosProvider
  externalMerchantId: string
  authMode: 'oauth' | 'partner'
  /** Null for partner connections: the shared partner token is stored elsewhere. */
  tokens: TokenSet | null
  grant: (typeof posConnectionSync.$inferInsert)['grant']
  tokenHost?: string
  /**
   * Toast (ADR 0016): the link starts `pending` with this sealed claim code until a platform
   * admin confirms ownership. Re-linking a still-pending restaurant issues the new code.
   */
  ownershipClaimEnc?: string
  /** A second id the provider routes deliveries by (Lightspeed domain_prefix). */
  externalAlias?: string
}

export async function linkConnection(deps: AppDeps, input: LinkInput): Promise<string> {
  const cipher = await tokenCipher(deps.config)
  const now = deps.clock()
  let recorded: RecordedEvent | null = null
  // asSystem: the external id is unique across tenants, and we must see another tenant's claim
  // to refuse it (without revealing which tenant holds it).
  const id = await asSystem(deps.dbh.db, async (tx) => {
    const existing = await findByExternalId(tx, input.provider, input.externalMerchantId)
    if (existing && existing.tenantId !== input.tenantId) {
      throw new AppError('conflict', 'This POS account is already linked to another SalesArck shop')
    }
    // The alias routes too, so it may not already name another connection.
    const aliased = input.externalAlias ? await findByExternalId(tx, input.provider, input.externalAlias) : null
    if (aliased && aliased.id !== existing?.id)
      throw new AppError('conflict', 'This POS account is already linked to another SalesArck shop')
    const sealed = input.tokens
      ? await sealTokens(cipher, input.tokens, null)
      : { accessTokenEnc: null, refreshTokenEnc: null, tokenExpiresAt: null }
    const sync = {
      grant: input.grant,
      tokenRefreshedAt: input.tokens ? now : null,
      refreshTokenExpiresAt: input.tokens?.refreshTokenExpiresAt ?? null,
      tokenHost: input.tokenHost ?? null,
      refreshFailures: 0,
      nextRefreshAt: null,
      pollNotBefore: null,
    }
    const claim = input.ownershipClaimEnc ? { claimCodeEnc: input.ownershipClaimEnc, claimFailures: 0 } : {}
    if (existing?.status === 'pending') {
      // Still unproven: a fresh code (the old one is void), and it stays pending.
      await saveSync(tx, existing, { ...sync, ...claim }, now)
      return existing.id
    }
    if (existing) {
      await updateConnection(tx, existing.id, {
        ...sealed,
        authMode: input.authMode,
        lastError: null,
        ...(input.externalAlias && { externalAlias: input.externalAlias }),
      })
      await saveSync(tx, existing, sync, now)
      const locked = await getConnection(tx, existing.id, { lock: true })
      if (locked) recorded = await recordConnectionEvent(tx, locked, { type: 'reconnected' }, now)
      return existing.id
    }
    const newId = await insertConnection(tx, {
      tenantId: input.tenantId,
      provider: input.provider,
      externalMerchantId: input.externalMerchantId,
      externalAlias: input.externalAlias ?? null,
      status: input.ownershipClaimEnc ? 'pending' : 'connected',
      statusReason: input.ownershipClaimEnc ? PENDING_OWNERSHIP_REASON : null,
      statusChangedAt: now,
      authMode: input.authMode,
      ...sealed,
    })
    await saveSync(tx, { id: newId, tenantId: input.tenantId }, { ...sync, ...claim }, now)
    const to = input.ownershipClaimEnc ? 'pending' : 'connected'
    await recordChange(
      tx,
      { id: newId, tenantId: input.tenantId },
      'disconnected',
      to,
      input.ownershipClaimEnc ? 'linked by the merchant; ownership not yet confirmed' : 'connected by the merchant',
      false,
      now,
    )
    return newId
  })
  if (recorded) await afterConnectionEvent(deps, recorded)
  return id
}
