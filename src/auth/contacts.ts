// A second contact on an account (api-v1 "/me/contacts"): the signed-in person proves another
// phone or email with a code, and from then on signs in with either and sees every wallet any
// of their verified contacts matches. One email and one phone per account (the users row).
// Two accounts are never merged here: a contact that already signs another account in is
// refused with 409 (ADR 0014).
import { and, eq, isNull, ne } from 'drizzle-orm'
import { isUniqueViolation } from '../infra/db'
import type { AppDeps } from '../infra/deps'
import { linkMembersToUser } from '../members'
import { sendMessage } from '../notify'
import { AppError } from '../shared/errors'
import { users } from './auth.schema'
import { LOCKED, WRONG, checkCode } from './check-code'
import type { Destination } from './destination'
import { createChallenge } from './otp.repo'
import { generateCode, hashDestination } from './otp-crypto'
import { parseDestination } from './request-otp'
import { enforceSignInLimit } from './signin-limits'

export type Contacts = { user_id: string; email: string | null; phone: string | null }

/**
 * The challenge key names the account as well as the destination, so a contact code can only
 * verify this contact on this account: it is not a sign-in code, and not someone else's.
 */
const challengeKey = (secret: string, userId: string, d: Destination) =>
  hashDestination(secret, `contact:${userId}:${d.value}`)

const column = (d: Destination) =>
  d.channel === 'email'
    ? { value: users.email, verifiedAt: users.emailVerifiedAt }
    : { value: users.phone, verifiedAt: users.phoneVerifiedAt }

async function account(deps: AppDeps, userId: string) {
  const [u] = await deps.dbh.db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.erasedAt)))
  if (!u) throw new AppError('unauthorized', 'Sign in again')
  return u
}

type Account = Awaited<ReturnType<typeof account>>
const current = (u: Account, d: Destination) =>
  d.channel === 'email'
    ? { value: u.email, verifiedAt: u.emailVerifiedAt }
    : { value: u.phone, verifiedAt: u.phoneVerifiedAt }
const contactsOf = (u: Account): Contacts => ({
  user_id: u.id,
  email: u.emailVerifiedAt ? u.email : null,
  phone: u.phoneVerifiedAt ? u.phone : null,
})

/** Replacing a proven contact would silently end sign-in with it; that is not this feature. */
function refuseOccupiedSlot(u: Account, d: Destination) {
  const mine = current(u, d)
  if (mine.verifiedAt && mine.value && mine.value !== d.value)
    throw new AppError(
      'conflict',
      d.channel === 'email' ? 'Your account already has an email address.' : 'Your account already has a phone number.',
    )
}

/** Step one: a code to the new contact. Rate-limited like sign-in; 202 whatever happens next. */
export async function requestContactCode(
  deps: AppDeps,
  userId: string,
  input: { destination: unknown; ip: string },
): Promise<Destination> {
  const d = parseDestination(input.destination)
  const u = await account(deps, userId)
  refuseOccupiedSlot(u, d)
  const mine = current(u, d)
  if (mine.value === d.value && mine.verifiedAt) return d // already proven: nothing to send
  const secret = deps.config.OTP_SECRET
  const key = challengeKey(secret, userId, d)
  await enforceSignInLimit(deps, 'signin-ip', input.ip)
  await enforceSignInLimit(deps, 'signin-resend', key)
  // Per destination across accounts, so nobody floods a stranger's phone from many accounts.
  await enforceSignInLimit(deps, 'signin-destination', hashDestination(secret, d.value))
  const code = generateCode()
  await createChallenge(deps.dbh.db, secret, key, code, deps.clock())
  await sendMessage(deps, {
    channel: d.channel,
    to: d.value,
    subject: 'Confirm your contact on SalesArck',
    body: `Your SalesArck code to add this ${d.channel === 'email' ? 'email address' : 'phone number'} to your account is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this message.`,
  })
  return d
}

/** Step two: the code proves the contact; it joins the account and its members are linked. */
export async function verifyContact(
  deps: AppDeps,
  userId: string,
  input: { destination: unknown; code: unknown; ip: string },
): Promise<Contacts> {
  const d = parseDestination(input.destination)
  const code = typeof input.code === 'string' ? input.code.replace(/\s/g, '') : ''
  await enforceSignInLimit(deps, 'signin-ip', input.ip)
  if (!/^\d{6}$/.test(code))
    throw new AppError('validation_failed', 'Enter the 6-digit code', { fields: { code: 'Enter the 6-digit code' } })
  const before = await account(deps, userId)
  const mine = current(before, d)
  if (mine.value === d.value && mine.verifiedAt) return contactsOf(before) // a retried verify
  refuseOccupiedSlot(before, d)
  const outcome = await checkCode(deps, challengeKey(deps.config.OTP_SECRET, userId, d), code)
  if (outcome === 'locked') throw LOCKED()
  if (outcome === 'wrong') throw WRONG()
  // Ownership is proven before this is said, so the answer is no oracle for who has an account.
  const col = column(d)
  const taken = () =>
    new AppError(
      'conflict',
      d.channel === 'email'
        ? 'This email address already signs in to another SalesArck account. Accounts are not merged automatically: sign in with it to use that account, or contact support.'
        : 'This phone number already signs in to another SalesArck account. Accounts are not merged automatically: sign in with it to use that account, or contact support.',
    )
  const [other] = await deps.dbh.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(col.value, d.value), ne(users.id, userId)))
  if (other) throw taken()
  const now = deps.clock()
  const set =
    d.channel === 'email' ? { email: d.value, emailVerifiedAt: now } : { phone: d.value, phoneVerifiedAt: now }
  try {
    await deps.dbh.db.update(users).set(set).where(eq(users.id, userId))
  } catch (e) {
    // Another account claimed the contact between our check and our write (users.email/phone unique).
    if (isUniqueViolation(e)) throw taken()
    throw e
  }
  const after = await account(deps, userId)
  // Committed above, so the contact locks order this against sales being processed right now.
  await linkMembersToUser(deps.dbh.db, after)
  return contactsOf(after)
}
