// Pure: a member CSV (phone, email, name, points) → what an import would do, row by row, before
// anything touches the database. Every refusal names its line and a reason an owner can act
// on; rows of one person (same phone or email) are merged into one member with their points
// added, so a file exported from another system with repeated customers imports cleanly.
import { normalizeEmail, normalizePhone } from '../members'
import { parseCsv } from '../shared/csv'

/** Largest opening balance one row may carry (matches the per-operation ledger maximum). */
export const MAX_IMPORT_POINTS = 1_000_000_000
const COLUMNS = ['phone', 'email', 'name', 'points'] as const

export type PlannedMember = {
  phone: string | null
  email: string | null
  name: string | null
  points: number
  lines: number[]
}
export type Rejection = { row: number; reason: string }
export type ImportPlan = { members: PlannedMember[]; rejected: Rejection[]; duplicates: number }

export function planMemberImport(text: string): ImportPlan | { error: string } {
  const rows = parseCsv(text)
  const header = rows.shift()
  if (!header) return { error: 'The file is empty. The first line must name the columns: phone, email, name, points.' }
  const cols = header.cells.map((c) => c.trim().toLowerCase())
  const at = Object.fromEntries(COLUMNS.map((c) => [c, cols.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>
  if (at.points < 0 || (at.phone < 0 && at.email < 0))
    return {
      error: 'The first line must name a points column and a phone or email column (phone, email, name, points).',
    }

  const rejected: Rejection[] = []
  const members: PlannedMember[] = []
  const byPhone = new Map<string, PlannedMember>()
  const byEmail = new Map<string, PlannedMember>()
  let duplicates = 0
  for (const { line, cells } of rows) {
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '')
    const rawPhone = cell(at.phone)
    const rawEmail = cell(at.email)
    const name = cell(at.name)
    const rawPoints = cell(at.points)
    if ([rawPhone, rawEmail, name, rawPoints].some((v) => /\p{Cc}/u.test(v))) {
      rejected.push({ row: line, reason: 'contains control characters' })
      continue
    }
    const phone = normalizePhone(rawPhone)
    const email = normalizeEmail(rawEmail)
    if (rawPhone && !phone) {
      rejected.push({ row: line, reason: 'the phone number is not a valid number' })
      continue
    }
    if (rawEmail && !email) {
      rejected.push({ row: line, reason: 'the email address is not valid' })
      continue
    }
    if (!phone && !email) {
      rejected.push({ row: line, reason: 'needs a phone number or an email address' })
      continue
    }
    if (!/^\d{1,10}$/.test(rawPoints) || Number(rawPoints) > MAX_IMPORT_POINTS) {
      rejected.push({
        row: line,
        reason: `points must be a whole number from 0 to ${MAX_IMPORT_POINTS.toLocaleString('en-US')}`,
      })
      continue
    }
    if (name.length > 200) {
      rejected.push({ row: line, reason: 'the name is longer than 200 characters' })
      continue
    }
    const a = phone ? byPhone.get(phone) : undefined
    const b = email ? byEmail.get(email) : undefined
    if (a && b && a !== b) {
      rejected.push({
        row: line,
        reason: `its phone matches row ${a.lines[0]} and its email matches row ${b.lines[0]}: two different people`,
      })
      continue
    }
    const same = a ?? b
    if (same && ((phone && same.phone && same.phone !== phone) || (email && same.email && same.email !== email))) {
      rejected.push({
        row: line,
        reason: `it shares a contact with row ${same.lines[0]} but its other contact differs`,
      })
      continue
    }
    if (same && same.points + Number(rawPoints) > MAX_IMPORT_POINTS) {
      rejected.push({
        row: line,
        reason: `merged with row ${same.lines[0]} it would exceed ${MAX_IMPORT_POINTS.toLocaleString('en-US')} points`,
      })
      continue
    }
    if (same) {
      duplicates++
      same.points += Number(rawPoints)
      same.phone ??= phone
      same.email ??= email
      same.name ||= name || null
      same.lines.push(line)
    } else {
      const m: PlannedMember = { phone, email, name: name || null, points: Number(rawPoints), lines: [line] }
      members.push(m)
      if (phone) byPhone.set(phone, m)
      if (email) byEmail.set(email, m)
      continue
    }
    if (phone) byPhone.set(phone, same)
    if (email) byEmail.set(email, same)
  }
  return { members, rejected, duplicates }
}
