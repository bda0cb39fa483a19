// Providers disagree on time formats: Toast writes "+0000" offsets, Lightspeed API 0.x writes
// "YYYY-MM-DD HH:MM:SS" in UTC, Clover sends Unix milliseconds. Events carry RFC 3339 UTC.
// Parsing a given value is deterministic; no clock is read here.

const ZONE_WITHOUT_COLON = /([+-]\d{2})(\d{2})$/
const HAS_ZONE = /(Z|[+-]\d{2}:\d{2})$/i

export function toUtcIso(value: string | number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value).toISOString() : null
  let s = value.trim().replace(' ', 'T')
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return null
  s = s.replace(ZONE_WITHOUT_COLON, '$1:$2')
  if (!HAS_ZONE.test(s)) s += 'Z'
  const ms = Date.parse(s)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}
