// The shop's team (issue 14.2): who works here, pending invitations, role changes and removal.
// Owner-only writes, each audited in its own transaction. The last owner can neither be
// removed nor made staff: a shop must always have someone who can run it. Owner rows are
// locked before counting, so two owners removing each other cannot both succeed.
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { recordAudit } from '../audit'
import type { Tx } from '../infra/db'
import type { TenantScope } from '../infra/scope'
import { AppError, notFound } from '../shared/errors'
import { newId } from '../shared/ids'
import { memberships, tenantInvites } from './tenancy.schema'
import { users } from '../infra/schema'

export type TeamRole = 'merchant_owner' | 'merchant_staff'
export type TeamMember = {
  userId: string
  role: TeamRole
  email: string | null
  phone: string | null
  lastSignInAt: Date | null
  joinedAt: Date
}
export type PendingInvite = { id: string; role: TeamRole; email: string | null; phone: string | null; createdAt: Date }
/** Already normalised the way sign-in normalises it (auth's normalizeDestination). */
export type InviteDestination = { channel: 'email' | 'sms'; value: string }

export const isTeamRole = (v: unknown): v is TeamRole => v === 'merchant_owner' || v === 'merchant_staff'

export async function listTeam(tx: Tx, scope: TenantScope): Promise<TeamMember[]> {
  return tx
    .select({
      userId: memberships.userId,
      role: memberships.role,
      email: users.email,
      phone: users.phone,
      // Every sign-in starts a session, so the newest one is the last sign-in.
      lastSignInAt:
        sql<Date | null>`(select max(s.created_at) from sessions s where s.user_id = ${memberships.userId})`.mapWith(
          (v) => (v ? new Date(v) : null),
        ),
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, scope.tenantId))
    .orderBy(memberships.role, memberships.createdAt)
}

export async function listPendingInvites(tx: Tx, scope: TenantScope): Promise<PendingInvite[]> {
  return tx
    .select({
      id: tenantInvites.id,
      role: tenantInvites.role,
      email: tenantInvites.email,
      phone: tenantInvites.phone,
      createdAt: tenantInvites.createdAt,
    })
    .from(tenantInvites)
    .where(and(eq(tenantInvites.tenantId, scope.tenantId), isNull(tenantInvites.claimedAt)))
    .orderBy(desc(tenantInvites.createdAt))
}

/**
 * Records (or reopens) the invitation; the caller sends the sign-in link after commit. Inviting
 * someone already on the team is a 409. Re-inviting a pending destination keeps one row and
 * takes the newest role, so a double submit never makes two invitations.
 */
export async function inviteToTeam(
  tx: Tx,
  scope: TenantScope,
  input: { to: InviteDestination; role: TeamRole; actorUserId: string; now: Date },
): Promise<{ inviteId: string }> {
  const byEmail = input.to.channel === 'email'
  const [already] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, scope.tenantId),
        byEmail ? eq(users.email, input.to.value) : eq(users.phone, input.to.value),
      ),
    )
  if (already) throw new AppError('conflict', 'That person is already on the team')
  const values = {
    id: newId('inv', input.now.getTime()),
    tenantId: scope.tenantId,
    role: input.role,
    invitedBy: input.actorUserId,
    createdAt: input.now,
    ...(byEmail ? { email: input.to.value } : { phone: input.to.value }),
  }
  const [row] = await tx
    .insert(tenantInvites)
    .values(values)
    .onConflictDoUpdate({
      target: byEmail ? [tenantInvites.tenantId, tenantInvites.email] : [tenantInvites.tenantId, tenantInvites.phone],
      set: { role: input.role, invitedBy: input.actorUserId, claimedAt: null, createdAt: input.now },
    })
    .returning({ id: tenantInvites.id })
  await recordAudit(tx, {
    actorUserId: input.actorUserId,
    action: 'team.invite',
    target: { type: 'invite', id: row!.id, tenantId: scope.tenantId },
    before: null,
    // The destination itself is personal data: the audit keeps its kind, not its value.
    after: { role: input.role, channel: input.to.channel },
    reason: 'invited by the owner',
    at: input.now,
  })
  return { inviteId: row!.id }
}

async function lockedMembership(tx: Tx, scope: TenantScope, userId: string) {
  // Lock every owner row too: the "last owner" count below must not race another change.
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, scope.tenantId), eq(memberships.role, 'merchant_owner')))
    .for('update')
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, scope.tenantId), eq(memberships.userId, userId)))
    .for('update')
  if (!m) throw notFound('Team member')
  const isLastOwner = m.role === 'merchant_owner' && owners.length === 1
  return { m, isLastOwner }
}

export async function changeTeamRole(
  tx: Tx,
  scope: TenantScope,
  input: { userId: string; role: TeamRole; actorUserId: string; now: Date },
): Promise<{ role: TeamRole; changed: boolean }> {
  const { m, isLastOwner } = await lockedMembership(tx, scope, input.userId)
  if (m.role === input.role) return { role: m.role, changed: false }
  if (isLastOwner)
    throw new AppError('rule_violation', 'The shop needs at least one owner; make someone else an owner first')
  await tx.update(memberships).set({ role: input.role }).where(eq(memberships.id, m.id))
  await recordAudit(tx, {
    actorUserId: input.actorUserId,
    action: 'team.role_change',
    target: { type: 'user', id: input.userId, tenantId: scope.tenantId },
    before: { role: m.role },
    after: { role: input.role },
    reason: 'role changed by the owner',
    at: input.now,
  })
  return { role: input.role, changed: true }
}

/** Deletes the membership; the caller ends that person's sessions for this shop in the same transaction. */
export async function removeFromTeam(
  tx: Tx,
  scope: TenantScope,
  input: { userId: string; actorUserId: string; now: Date },
): Promise<void> {
  const { m, isLastOwner } = await lockedMembership(tx, scope, input.userId)
  if (isLastOwner)
    throw new AppError('rule_violation', 'The last owner cannot be removed; make someone else an owner first')
  await tx.delete(memberships).where(eq(memberships.id, m.id))
  await recordAudit(tx, {
    actorUserId: input.actorUserId,
    action: 'team.remove',
    target: { type: 'user', id: input.userId, tenantId: scope.tenantId },
    before: { role: m.role },
    after: null,
    reason: 'removed by the owner',
    at: input.now,
  })
}
