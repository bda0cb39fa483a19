// Sessions and their rotating refresh tokens. A refresh token is opaque, stored only as a
// hash, and single use: presenting a rotated one again means it was stolen, so the whole
// session is revoked (OAuth 2.0 Security BCP, refresh token reuse detection).
import { createHash } from 'node:crypto'
import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Db, Tx } from '../infra/db'
import { newId } from '../shared/ids'
import { refreshTokens, sessions } from './auth.schema'

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000

export type Session = typeof sessions.$inferSelect

export const hashToken = (t: string) => createHash('sha256').update(t).digest('base64url')
const newRefreshToken = () => `rt_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`

export async function createSession(db: Db, userId: string, activeTenantId: string | null, now: Date) {
  const session = {
    id: newId('ses'),
    userId,
    activeTenantId,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    createdAt: now,
  }
  const refreshToken = newRefreshToken()
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values(session)
    await tx
      .insert(refreshTokens)
      .values({ id: newId('ses'), sessionId: session.id, tokenHash: hashToken(refreshToken), createdAt: now })
  })
  return { session: session as Session, refreshToken }
}

export async function findLiveSession(db: Db, sessionId: string, now: Date): Promise<Session | null> {
  const [s] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
  return s ?? null
}

export async function revokeSession(db: Db, sessionId: string, reason: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
}

/**
 * Ends every live session of `userId` whose active shop is `tenantId` (removed from that shop's
 * team). Their other shops and their consumer sessions are untouched. Runs in the caller's
 * transaction so the removal and the revocation commit together.
 */
export async function revokeTenantSessions(
  tx: Db | Tx,
  userId: string,
  tenantId: string,
  reason: string,
  now: Date,
): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), eq(sessions.activeTenantId, tenantId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id })
  return ended.length
}

export type RotateResult =
  | { ok: true; session: Session; refreshToken: string }
  | { ok: false; reason: 'unknown' | 'reused' | 'revoked' }

export async function rotateRefreshToken(
  db: Db,
  presented: string,
  now: Date,
  activeTenantId?: string | null,
): Promise<RotateResult> {
  const result = await db.transaction(async (tx): Promise<RotateResult> => {
    // Lock the token row so two concurrent refreshes with the same token cannot both win.
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashToken(presented)))
      .for('update')
    if (!row) return { ok: false, reason: 'unknown' }
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, row.sessionId)).for('update')
    if (!session || session.revokedAt || session.expiresAt <= now) return { ok: false, reason: 'revoked' }
    if (row.rotatedAt) {
      await tx
        .update(sessions)
        .set({ revokedAt: now, revokedReason: 'refresh_token_reuse' })
        .where(eq(sessions.id, session.id))
      return { ok: false, reason: 'reused' }
    }
    await tx.update(refreshTokens).set({ rotatedAt: now }).where(eq(refreshTokens.id, row.id))
    const refreshToken = newRefreshToken()
    await tx
      .insert(refreshTokens)
      .values({ id: newId('ses'), sessionId: session.id, tokenHash: hashToken(refreshToken), createdAt: now })
    if (activeTenantId !== undefined) {
      await tx.update(sessions).set({ activeTenantId }).where(eq(sessions.id, session.id))
      return { ok: true, session: { ...session, activeTenantId }, refreshToken }
    }
    return { ok: true, session, refreshToken }
  })
  return result
}

/** A session whose tokens Supabase issues; we keep the row so logout and roles stay ours. */
export async function createExternalSession(
  db: Db,
  userId: string,
  externalSessionId: string,
  activeTenantId: string | null,
  now: Date,
): Promise<Session> {
  const [row] = await db
    .insert(sessions)
    .values({
      id: newId('ses'),
      userId,
      externalSessionId,
      activeTenantId,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      createdAt: now,
    })
    // Supabase reuses its session id across refreshes; a second verify for it finds our row.
    .onConflictDoUpdate({ target: sessions.externalSessionId, set: { activeTenantId } })
    .returning()
  return row!
}

export async function findSessionByExternalId(db: Db, externalSessionId: string): Promise<Session | null> {
  const [s] = await db.select().from(sessions).where(eq(sessions.externalSessionId, externalSessionId))
  return s ?? null
}

/**
 * Points the session at another tenant and issues a fresh refresh token; the old live ones are
 * marked rotated, so the pair handed out before the switch cannot be refreshed any more.
 */
export async function switchSessionTenant(
  db: Db,
  sessionId: string,
  tenantId: string,
  now: Date,
): Promise<{ session: Session; refreshToken: string }> {
  const refreshToken = newRefreshToken()
  const session = await db.transaction(async (tx) => {
    const [s] = await tx
      .update(sessions)
      .set({ activeTenantId: tenantId })
      .where(eq(sessions.id, sessionId))
      .returning()
    await tx
      .update(refreshTokens)
      .set({ rotatedAt: now })
      .where(and(eq(refreshTokens.sessionId, sessionId), isNull(refreshTokens.rotatedAt)))
    await tx
      .insert(refreshTokens)
      .values({ id: newId('ses'), sessionId, tokenHash: hashToken(refreshToken), createdAt: now })
    return s!
  })
  return { session, refreshToken }
}

export async function sessionIdForRefreshToken(db: Db, presented: string): Promise<string | null> {
  const [row] = await db
    .select({ sessionId: refreshTokens.sessionId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashToken(presented)))
  return row?.sessionId ?? null
}
