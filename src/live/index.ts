// Front door of live updates (ADR 0024): publish after commit, stream to the caller's channels.
export { announceSales, type SaleAnnouncement } from './announce-sales'
export { HEARTBEAT_MS, openEventStream } from './event-stream'
export { type LiveEvent, tenantChannel, userChannel } from './live-channels'
export { createLiveHub, type LiveHub } from './live-hub'
export { publishLive } from './publish-live'
