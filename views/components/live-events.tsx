// The page's live connection (ADR 0024): htmx's SSE extension opens GET /api/v1/events and
// turns each named event (balance, transaction, reset) into a DOM event on #live, which the
// page's fragments listen to (hx-trigger="… from:#live"). Without JS or SSE nothing connects
// and those fragments keep polling; public/app.js pauses their polls while the stream is up.
export const LIVE_SCRIPTS = ['/assets/hx-sse.js']

export function LiveEvents() {
  return <div id="live" hx-sse:connect="/api/v1/events" hidden></div>
}

/** hx-trigger for a fragment refreshed by live events, polling every `fallback` without them. */
export const liveTrigger = (event: 'balance' | 'transaction', fallback: string) =>
  `${event} from:#live, reset from:#live, every ${fallback}`
