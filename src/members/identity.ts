// Identity signals, pure: normalised so the same person typed twice is one member, and masked
// so staff can confirm "is this you?" without reading the whole number or address.
import { parsePhoneNumberFromString } from 'libphonenumber-js'

/**
 * A North American number written as bare digits (+1 or 1 optional, area code 2-9): the parser's
 * answer is always +1 and the ten digits (checked over every area code by the identity tests),
 * and skipping it makes a 100k-row import's planning about thirty times faster.
 */
const PLAIN_NANP = /^(?:\+?1)?([2-9]\d{9})$/

/** E.164 when the number parses (default region US, as at the till), else null. */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (!raw) return null
  const trimmed = raw.trim()
  const plain = PLAIN_NANP.exec(trimmed)
  if (plain) return `+1${plain[1]}`
  const p = parsePhoneNumberFromString(trimmed, 'US')
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

/** A POS-given name, trimmed, inner whitespace collapsed, at most 120 characters; blank = none. */
export function normalizeName(raw: string | null | undefined): string | null {
  const n = raw
    ?.replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
    .trim()
  return n ? n : null
}

// Masking is ONE set of functions for every place a merchant or admin sees a member (API,
// portal lists and detail, redeem preview, transactions): enough to tell two guests apart at
// the counter, never the whole value. Who sees full contacts is decided in memberContact().

/** "•••• 0142": the last four digits only. */
export const maskPhone = (phone: string) => `•••• ${phone.slice(-4)}`

/**
 * "gu•••12@example.com": the domain, and of the local part at most four characters, and only
 * when at least as many stay hidden (short addresses show their first letter alone).
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  const local = at >= 0 ? email.slice(0, at) : email
  const domain = at >= 0 ? email.slice(at + 1) : ''
  const shown =
    local.length >= 8
      ? `${local.slice(0, 2)}•••${local.slice(-2)}`
      : local.length >= 5
        ? `${local.slice(0, 2)}•••`
        : `${local.slice(0, 1)}•••`
  return `${shown}@${domain}`
}

/** The masked label for a member when only a contact is known (redeem preview, transactions). */
export function maskMember(m: { phone: string | null; email: string | null }): string {
  if (m.phone) return maskPhone(m.phone)
  if (m.email) return maskEmail(m.email)
  return 'Member without contact details'
}

export type MerchantRole = 'merchant_owner' | 'merchant_staff'
export type MemberContact = {
  name: string | null
  phone: string | null
  email: string | null
  label: string
  masked: boolean
}

/**
 * What a merchant user may see of a member (ADR 0017): owners see full contacts (they handle
 * support and data requests for their shop); staff see the POS name and masked contacts,
 * always. `label` is built from the visible values only, so a heading can never show more
 * than the details under it, or the details more than the heading's viewer may see.
 */
export function memberContact(
  m: { name: string | null; phone: string | null; email: string | null },
  role: MerchantRole,
): MemberContact {
  const full = role === 'merchant_owner'
  const phone = m.phone && (full ? m.phone : maskPhone(m.phone))
  const email = m.email && (full ? m.email : maskEmail(m.email))
  return {
    name: m.name,
    phone,
    email,
    label: m.name ?? phone ?? email ?? 'Member without contact details',
    masked: !full,
  }
}
