// The IANA zone names a shop may choose: what this runtime's Intl knows (so every zone chosen
// can actually be used by the rule engine and the charts), plus UTC.
export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')]
const KNOWN = new Set(TIME_ZONES)

export const isTimeZone = (name: string): boolean => KNOWN.has(name)
