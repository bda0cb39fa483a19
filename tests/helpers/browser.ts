// Real Chromium (Debian's, driven by playwright-core) against the app listening on a real port.
import { type Browser, chromium } from 'playwright-core'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium tries to reach Google's hosts at start, which this network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/** Starts the app on a free port; returns its base URL and a stop function. */
export function listen(app: {
  listen(opts: { port: number; hostname: string }): { server: { port?: number } | null; stop(): unknown }
}) {
  const running = app.listen({ port: 0, hostname: '127.0.0.1' })
  const base = `http://127.0.0.1:${running.server?.port}`
  return { base, stop: () => running.stop() }
}
