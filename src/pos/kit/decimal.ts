import { currencyExponent } from '../../shared/money'

// money.ts's toMinor refuses extra decimals, which is right for prices typed by people.
// Some providers send more precision than the currency has (Lightspeed's tax-exclusive
// "13.04348"), or JSON floats in major units (Toast). These helpers do exact decimal
// arithmetic in BigInt and round half away from zero once, at the end.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

type Scaled = { units: bigint; scale: number }

function parseDecimal(value: string | number): Scaled | null {
  // Number → shortest round-trip string; exponent forms (1e-7) are rejected below.
  const m = DECIMAL.exec(typeof value === 'number' ? String(value) : value.trim())
  if (!m) return null
  const frac = m[3] ?? ''
  const units = BigInt(`${m[2]}${frac}`)
  return { units: m[1] ? -units : units, scale: frac.length }
}

function rescale(x: Scaled, scale: number): bigint {
  return x.units * 10n ** BigInt(scale - x.scale)
}

/** Sum of decimal amounts in major units, as integer minor units of `currency`; null if any is not a decimal. */
export function sumToMinor(values: readonly (string | number)[], currency: string): number | null {
  const parsed = values.map(parseDecimal)
  if (parsed.some((p) => p === null)) return null
  const scaled = parsed as Scaled[]
  const exp = currencyExponent(currency)
  const scale = Math.max(exp, ...scaled.map((p) => p.scale))
  const total = scaled.reduce((acc, p) => acc + rescale(p, scale), 0n)
  const divisor = 10n ** BigInt(scale - exp)
  const negative = total < 0n
  const abs = negative ? -total : total
  const rounded = (abs + divisor / 2n) / divisor
  return Number(negative ? -rounded : rounded)
}

/** One decimal amount in major units, as integer minor units; null if not a decimal. */
export function decimalToMinor(value: string | number, currency: string): number | null {
  return sumToMinor([value], currency)
}
