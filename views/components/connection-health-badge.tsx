// The header badge shown on merchant pages while any POS connection is not connected. The
// layout holds a self-loading slot (ConnectionHealthSlot) so every merchant page gets it
// without each route querying connections; the fragment is empty when all is well.
export type BadgeConnection = {
  provider: string
  status: 'pending' | 'connected' | 'degraded' | 'disconnected' | 'revoked'
}

export function ConnectionHealthBadge(p: { connections: BadgeConnection[] }) {
  const broken = p.connections.filter((c) => c.status === 'disconnected' || c.status === 'revoked')
  const degraded = p.connections.filter((c) => c.status === 'degraded')
  if (broken.length === 0 && degraded.length === 0)
    return <span id="connection-health" class="connection-health-ok"></span>
  const label = broken.length
    ? `${broken.length === 1 ? 'POS disconnected' : `${broken.length} POS disconnected`}`
    : 'POS degraded'
  return (
    <a
      id="connection-health"
      href="/merchant/connections"
      class={`badge ${broken.length ? 'err' : 'warn'}`}
      data-health={broken.length ? 'disconnected' : 'degraded'}
      safe
    >
      {label}
    </a>
  )
}

/** Placeholder the header renders on merchant pages; htmx swaps in the badge, then refreshes it. */
export function ConnectionHealthSlot() {
  return (
    <span
      id="connection-health"
      hx-get="/merchant/connections/badge"
      hx-trigger="load, every 60s"
      hx-swap="outerHTML"
    ></span>
  )
}
