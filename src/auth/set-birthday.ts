// A consumer's birthday for birthday gifts: month and day, validated as a real calendar day
// (29 February allowed: it is celebrated on the 28th in other years), or null to remove it.
import { eq } from 'drizzle-orm'
import type { Db } from '../infra/db'
import { AppError } from '../shared/errors'
import { users } from './auth.schema'

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function parseBirthday(v: string): string | null {
  const m = /^(\d{2})-(\d{2})$/.exec(v)
  if (!m) return null
  const [month, day] = [Number(m[1]), Number(m[2])]
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]! ? v : null
}

export async function setBirthday(db: Db, userId: string, birthday: string | null): Promise<string | null> {
  const value = birthday === null || birthday === '' ? null : parseBirthday(birthday)
  if (birthday && !value)
    throw new AppError('validation_failed', 'Give your birthday as MM-DD, e.g. 04-17', {
      fields: { birthday: 'a real month and day as MM-DD' },
    })
  await db.update(users).set({ birthday: value }).where(eq(users.id, userId))
  return value
}

export async function birthdayOf(db: Db, userId: string): Promise<string | null> {
  const [u] = await db.select({ birthday: users.birthday }).from(users).where(eq(users.id, userId))
  return u?.birthday ?? null
}
