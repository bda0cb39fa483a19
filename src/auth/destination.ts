// Where a sign-in code goes. Normalised before anything else touches it, so "A@B.co " and
// "a@b.co", or "+1 (555) 010-0001" and "+15550100001", are the same person.
import { parsePhoneNumberFromString } from 'libphonenumber-js'

export type Destination = { channel: 'email' | 'sms'; value: string }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** null when it is neither an email nor a possible international phone number. */
export function normalizeDestination(raw: string): Destination | null {
  const s = raw.trim()
  if (s.length === 0 || s.length > 254) return null
  if (s.includes('@')) {
    const email = s.toLowerCase()
    return EMAIL.test(email) ? { channel: 'email', value: email } : null
  }
  // International form only (leading +): a bare national number has no unambiguous country.
  // isPossible, not isValid: reserved test ranges such as +1 555-01xx must still work.
  if (!s.startsWith('+')) return null
  const phone = parsePhoneNumberFromString(s)
  return phone?.isPossible() ? { channel: 'sms', value: phone.number } : null
}
