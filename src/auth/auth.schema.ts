import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, ts } from '../infra/columns'

/** A person who can sign in. Identity data is global; what they may see comes from memberships. */
export const users = pgTable('users', {
  id: id(),
  email: text('email').unique(),
  phone: text('phone').unique(),
  emailVerifiedAt: ts('email_verified_at'),
  phoneVerifiedAt: ts('phone_verified_at'),
  externalAuthId: text('external_auth_id').unique(), // Supabase user id when AUTH_PROVIDER=supabase
  /** "MM-DD", only when the person chose to add it (birthday gifts); no year is ever asked. */
  birthday: text('birthday'),
  erasedAt: ts('erased_at'),
  createdAt: createdAt(),
})

/** One-time sign-in codes, stored hashed; the destination is stored as a keyed hash too. */
export const otpChallenges = pgTable(
  'otp_challenges',
  {
    id: id(),
    destinationHash: text('destination_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: ts('expires_at').notNull(),
    consumedAt: ts('consumed_at'),
    lockedAt: ts('locked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('otp_challenges_destination').on(t.destinationHash, t.createdAt)],
)

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    activeTenantId: text('active_tenant_id'),
    /** Supabase's session_id when AUTH_PROVIDER=supabase, so our revocation applies to its tokens. */
    externalSessionId: text('external_session_id').unique(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    revokedReason: text('revoked_reason'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user').on(t.userId), index('sessions_user_created').on(t.userId, t.createdAt)],
)

/** Opaque refresh tokens, hashed, one row per issued token so reuse of a rotated one is visible. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    tokenHash: text('token_hash').notNull(),
    rotatedAt: ts('rotated_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash').on(t.tokenHash)],
)
