// An inbound "STOP" text: whoever verified that number stops getting texts from every shop.
import { and, eq, isNotNull } from 'drizzle-orm'
import { users } from '../auth'
import type { Db } from '../infra/db'
import { withdrawAllSms } from './consent'

/** What the consent log records as the wording of a STOP: the person's own message. */
export const STOP_WORDING = 'Replied STOP to a text message.'

export async function stopTextsTo(db: Db, phone: string, now: Date): Promise<number> {
  const holders = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.phone, phone), isNotNull(users.phoneVerifiedAt)))
  let withdrawn = 0
  for (const u of holders) withdrawn += await withdrawAllSms(db, u.id, STOP_WORDING, now)
  return withdrawn
}
