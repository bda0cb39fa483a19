// Front door of live updates (ADR 0024): publish after commit, stream to the caller's channels.
export { announceSales, type SaleAnnouncement } from './announce-sales'
export { openEventStream } from './event-stream'
export { type LiveEvent, tenantChannel, userChannel } from './live-channels'
export { createLiveHub, type LiveHub } from './live-hub'
