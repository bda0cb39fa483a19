// Number formatting shared by explanations and diffs, so both say "×1.5" and "¥500" alike.
import { formatMoney as formatMoneyIntl } from '../shared/money'
import { formatPoints } from '../shared/points'

export { formatPoints }

/**
 * "$19.99", "¥500", "KWD 1.250". Intl separates a currency code from the number with a
 * no-break space; explanations are stored, searched and sent by SMS, so they use a plain one.
 */
export function formatMoney(minor: number, currency: string): string {
  return formatMoneyIntl(minor, currency).replace(/[\u00a0\u202f]/g, ' ')
}

/** 150 → "1.5", 200 → "2", 125 → "1.25". */
export function formatFactor(hundredths: number): string {
  const whole = Math.floor(hundredths / 100)
  const cents = hundredths % 100
  if (cents === 0) return String(whole)
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`
}

/** 1 → "1st", 12 → "12th", 23 → "23rd". */
export function ordinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'
  return `${n}${suffix}`
}
