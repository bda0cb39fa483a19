// Queries for connections and their lifecycle side table. Callers open the transaction
// (inTenant for merchant requests, asSystem for jobs and provider callbacks) so RLS applies.
import { asc, desc, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../infra/db'
import { newId } from '../../shared/ids'
import { namesMerchant, primaryIdFirst } from '../merchant-lookup'
import { posConnections } from '../pos.schema'
import type { ConnectionStatus } from './connection-status'
import { posConnectionChanges, posConnectionSync } from './connection.schema'
import type { PosProvider } from '../registry'

export type ConnectionRow = typeof posConnections.$inferSelect
export type SyncRow = typeof posConnectionSync.$inferSelect
export type Connection = ConnectionRow & { sync: SyncRow }
export type ChangeRow = typeof posConnectionChanges.$inferSelect

const emptySync = (c: ConnectionRow): SyncRow => ({
  connectionId: c.id,
  tenantId: c.tenantId,
  grant: 'none',
  tokenRefreshedAt: null,
  refreshTokenExpiresAt: null,
  tokenHost: null,
  degradedCause: null,
  lastFailureAt: null,
  pollCursor: null,
  pollNotBefore: null,
  refreshFailures: 0,
  nextRefreshAt: null,
  claimCodeEnc: null,
  claimFailures: 0,
  updatedAt: c.createdAt,
})

function joined(rows: { c: ConnectionRow; s: SyncRow | null }[]): Connection[] {
  return rows.map(({ c, s }) => ({ ...c, sync: s ?? emptySync(c) }))
}

const selection = { c: posConnections, s: posConnectionSync }
const base = (tx: Tx) =>
  tx
    .select(selection)
    .from(posConnections)
    .leftJoin(posConnectionSync, eq(posConnectionSync.connectionId, posConnections.id))

/** `lock` takes the row lock every status or token write is serialised on. */
export async function getConnection(tx: Tx, id: string, opts: { lock?: boolean } = {}): Promise<Connection | null> {
  const q = base(tx).where(eq(posConnections.id, id))
  const rows = opts.lock ? await q.for('update', { of: posConnections }) : await q
  return joined(rows)[0] ?? null
}

export async function findByExternalId(
  tx: Tx,
  provider: PosProvider,
  externalMerchantId: string,
): Promise<Connection | null> {
  const rows = await base(tx)
    .where(namesMerchant(provider, externalMerchantId))
    .orderBy(primaryIdFirst(externalMerchantId))
    .limit(1)
  return joined(rows)[0] ?? null
}

export async function listTenantConnections(tx: Tx, tenantId: string): Promise<Connection[]> {
  return joined(
    await base(tx)
      .where(eq(posConnections.tenantId, tenantId))
      .orderBy(asc(posConnections.provider), asc(posConnections.createdAt)),
  )
}

/** Every connection, for the schedulers (caller runs asSystem). */
export async function listAllConnections(tx: Tx): Promise<Connection[]> {
  return joined(await base(tx).orderBy(asc(posConnections.id)))
}

export async function saveSync(
  tx: Tx,
  c: Pick<ConnectionRow, 'id' | 'tenantId'>,
  patch: Partial<Omit<SyncRow, 'connectionId' | 'tenantId'>>,
  now: Date,
) {
  await tx
    .insert(posConnectionSync)
    .values({ connectionId: c.id, tenantId: c.tenantId, ...patch, updatedAt: now })
    .onConflictDoUpdate({ target: posConnectionSync.connectionId, set: { ...patch, updatedAt: now } })
}

export async function updateConnection(
  tx: Tx,
  id: string,
  patch: Partial<Omit<ConnectionRow, 'id' | 'tenantId' | 'provider' | 'externalMerchantId' | 'createdAt'>>,
) {
  await tx.update(posConnections).set(patch).where(eq(posConnections.id, id))
}

export async function insertConnection(tx: Tx, row: Omit<typeof posConnections.$inferInsert, 'id'>): Promise<string> {
  const id = newId('con')
  await tx.insert(posConnections).values({ ...row, id })
  return id
}

export async function recordChange(
  tx: Tx,
  c: Pick<ConnectionRow, 'id' | 'tenantId'>,
  from: ConnectionStatus,
  to: ConnectionStatus,
  reason: string | null,
  notified: boolean,
  at: Date,
) {
  await tx.insert(posConnectionChanges).values({
    id: newId('aud'),
    tenantId: c.tenantId,
    connectionId: c.id,
    fromStatus: from,
    toStatus: to,
    reason,
    notified: notified ? 1 : 0,
    at,
  })
}

export async function listChanges(tx: Tx, connectionId: string, limit = 20): Promise<ChangeRow[]> {
  return tx
    .select()
    .from(posConnectionChanges)
    .where(eq(posConnectionChanges.connectionId, connectionId))
    .orderBy(desc(posConnectionChanges.at), desc(posConnectionChanges.id))
    .limit(limit)
}

/** Serialises one token's refresh across processes until the transaction ends (O2). */
export async function lockTokenKey(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`)
}
