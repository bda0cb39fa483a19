// Identity signals, pure: normalised so the same person typed twice is one member, and masked
// so staff can confirm "is this you?" without reading the whole number or address.
import { parsePhoneNumberFromString } from 'libphonenumber-js'

/** E.164 when the number parses (default region US, as at the till), else null. */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (!raw) return null
  const p = parsePhoneNumberFromString(raw.trim(), 'US')
  return p?.isPossible() ? p.number : null
}

/** The national number's digits ("4155550111" for +14155550111): how a phone appears in any local format. */
export function nationalDigits(phone: string): string | null {
  const p = parsePhoneNumberFromString(phone)
  return p ? String(p.nationalNumber) : null
}

export function normalizeEmail(raw: string | null | undefined): string | null {
  const e = raw?.trim().toLowerCase()
  return e && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? e : null
}

/** "+1 ••• ••• 4567": the last four digits only. */
export const maskPhone = (phone: string) => `•••• ${phone.slice(-4)}`

/** "j•••@example.com": first letter and domain. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@')
  return `${local.slice(0, 1)}•••@${domain}`
}

export function maskMember(m: { phone: string | null; email: string | null }): string {
  if (m.phone) return maskPhone(m.phone)
  if (m.email) return maskEmail(m.email)
  return 'Member without contact details'
}
