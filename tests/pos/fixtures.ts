import { readFileSync } from 'node:fs'

/** A captured payload exactly as stored: these bytes are what the provider signed. */
export function readFixture(provider: string, name: string): string {
  return readFileSync(new URL(`./${provider}/fixtures/${name}`, import.meta.url), 'utf8')
}

/** Same JSON, different bytes: what a framework's body parser + JSON.stringify would produce. */
export function reserialiseJson(body: string): string {
  return JSON.stringify(JSON.parse(body), null, 1)
}
