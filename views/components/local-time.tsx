// Every instant in the UI goes through here: the server cannot know the reader's time zone, so
// it writes a readable UTC fallback and public/app.js rewrites it in the reader's zone with one
// format (also for rows added later by polling or filtering).
const FALLBACK = {
  both: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  time: new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: 'UTC' }),
  date: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }),
}

export type TimeFormat = keyof typeof FALLBACK

/** "Nov 29, 2026, 8:05 PM UTC" until the browser shows it in the reader's zone. */
export function fallbackTime(iso: string, format: TimeFormat = 'both'): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  return `${FALLBACK[format].format(new Date(t))}${format === 'date' ? '' : ' UTC'}`
}

export function LocalTime(p: { iso: string; format?: TimeFormat; id?: string }) {
  const format = p.format ?? 'both'
  return (
    <time
      datetime={p.iso}
      {...(format === 'both' ? {} : { 'data-format': format })}
      {...(p.id ? { id: p.id } : {})}
      safe
    >
      {fallbackTime(p.iso, format)}
    </time>
  )
}
