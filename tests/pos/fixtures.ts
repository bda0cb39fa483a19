import { readFileSync } from 'node:fs'

/** A captured payload exactly as stored: these bytes are what the provider signed. */
export function readFixture(provider: string, name: string): string {
  return readFileSync(new URL(`./${provider}/fixtures/${name}`, import.meta.url), 'utf8')
}

/** Same JSON, different bytes: what a framework's body parser + JSON.stringify would produce. */
export function reserialiseJson(body: string): string {
  return JSON.stringify(JSON.parse(body), null, 1)
}

/** The fixture's Toast envelope `timestamp` ("2026-06-02T17:41:09.050Z" in every Toast fixture). */
export const TOAST_FIXTURE_TIME = new Date('2026-06-02T17:41:09.050Z')

/**
 * A Toast fixture as Toast would send it at `at`: only the envelope timestamp changes (it is
 * signed and must be within five minutes of the receiving clock).
 */
export function toastFixtureAt(name: string, at: Date): string {
  return readFixture('toast', name).replace(
    '"timestamp": "2026-06-02T17:41:09.050Z"',
    `"timestamp": "${at.toISOString()}"`,
  )
}
