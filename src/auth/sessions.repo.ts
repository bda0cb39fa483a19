// Sessions and their rotating refresh tokens. A refresh token is opaque, stored only as a
// hash, and single use: presenting a rotated one again means it was stolen, so the whole
// session is revoked (OAuth 2.0 Security BCP, refresh token reuse detection).
import { createHash } from 'node:crypto'
import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { newId } from '../shared/ids'
import { refreshTokens, sessions } from './auth.schema'

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000

export type Session = typeof sessions.$inferSelect

export const hashToken = (t: string) => createHash('sha256').update(t).digest('base64url')
const newRefreshToken = () => `rt_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`

export async function createSession(db: Db, userId: string, activeTenantId: string | null, now: Date) {
  const session = { id: newId('ses'), userId, activeTenantId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS), createdAt: now }
  const refreshToken = newRefreshToken()
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values(session)
    await tx.insert(refreshTokens).values({ id: newId('ses'), sessionId: session.id, tokenHash: hashToken(refreshToken), createdAt: now })
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
  await db.update(sessions).set({ revokedAt: now, revokedReason: reason }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
}

export type RotateResult = { ok: true; session: Session; refreshToken: string } | { ok: false; reason: 'unknown' | 'reused' | 'revoked' }

export async function rotateRefreshToken(db: Db, presented: string, now: Date, activeTenantId?: string | null): Promise<RotateResult> {
  const result = await db.transaction(async (tx): Promise<RotateResult> => {
    // Lock the token row so two concurrent refreshes with the same token cannot both win.
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(presented))).for('update')
    if (!row) return { ok: false, reason: 'unknown' }
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, row.sessionId)).for('update')
    if (!session || session.revokedAt || session.expiresAt <= now) return { ok: false, reason: 'revoked' }
    if (row.rotatedAt) {
      await tx.update(sessions).set({ revokedAt: now, revokedReason: 'refresh_token_reuse' }).where(eq(sessions.id, session.id))
      return { ok: false, reason: 'reused' }
    }
    await tx.update(refreshTokens).set({ rotatedAt: now }).where(eq(refreshTokens.id, row.id))
    const refreshToken = newRefreshToken()
    await tx.insert(refreshTokens).values({ id: newId('ses'), sessionId: session.id, tokenHash: hashToken(refreshToken), createdAt: now })
    if (activeTenantId !== undefined) {
      await tx.update(sessions).set({ activeTenantId }).where(eq(sessions.id, session.id))
      return { ok: true, session: { ...session, activeTenantId }, refreshToken }
    }
    return { ok: true, session, refreshToken }
  })
  return result
}
