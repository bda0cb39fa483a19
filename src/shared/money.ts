// Money is integer minor units plus an ISO 4217 code; floats never hold money.

/** Minor-unit exponent per currency; ISO 4217 lists the exceptions to 2. */
const EXPONENT: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
}

export function currencyExponent(currency: string): number {
  return EXPONENT[currency.toUpperCase()] ?? 2
}

/** Converts a decimal string or number in major units ("19.99") to exact minor units. */
export function toMinor(amount: string | number, currency: string): number {
  const exp = currencyExponent(currency)
  const s = typeof amount === 'number' ? amount.toFixed(exp) : amount.trim()
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s)
  if (!m) throw new RangeError('amount is not a decimal number')
  const frac = (m[3] ?? '').padEnd(exp, '0')
  if (frac.length > exp && /[1-9]/.test(frac.slice(exp)))
    throw new RangeError('amount has more decimals than the currency allows')
  const minor = Number(m[2]) * 10 ** exp + (exp ? Number(frac.slice(0, exp)) : 0)
  return m[1] ? -minor : minor
}

// Building a NumberFormat costs far more than using one (every award's explanation formats its
// amount), and a formatter holds no state between calls. Bounded: Intl refuses any currency
// that is not three letters, before anything is cached.
const moneyFormats = new Map<string, Intl.NumberFormat>()

function moneyFormat(currency: string, locale: string, exp: number): Intl.NumberFormat {
  const key = `${locale} ${currency}`
  let format = moneyFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    })
    moneyFormats.set(key, format)
  }
  return format
}

/** "$19.99", "¥500", "KWD 1.250": for explanations consumers read. */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const exp = currencyExponent(currency)
  return moneyFormat(currency, locale, exp).format(minor / 10 ** exp)
}
