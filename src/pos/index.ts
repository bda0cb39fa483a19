// Front door of the POS provider layer (architecture-guide P1). Other modules, routes and jobs
// import from here only. Typical use, see README.md for the full flow:
//
//   const adapter = getPosAdapter(params.provider)                 // null → 404
//   adapter.verify({ rawBody, headers, url, secrets, now })       // false → 401, store nothing
//   adapter.extractEnvelopes({ rawBody, headers })                // null → 400; else one inbox event each
//   adapter.parse({ rawBody, headers }, { fallbackCurrency })     // in the job; keep events whose
//                                                                 // providerEventId is the row's
//   if (event.type === 'sale_completed' && event.needsDetails) adapter.fetchDetails?.(event, ctx)
export type {
  FetchContext,
  FetchDetailsError,
  FetchLike,
  ParseOptions,
  PosAdapter,
  PosMeta,
  RawWebhook,
  VerifyInput,
  WebhookEnvelope,
} from './adapter'
export type {
  CustomerLinked,
  DetailsRequest,
  IdentitySignals,
  Ignored,
  PosEvent,
  Refund,
  SaleAmounts,
  SaleCompleted,
} from './pos-event'
export {
  getPosAdapter,
  isPosProvider,
  type PosProvider,
  posAdapters,
  posProviders,
  type ProviderOption,
  providerName,
  providerOptions,
} from './registry'
// Right to erasure (src/privacy): the person's contacts leave recorded sales and stored bodies.
export { eraseIdentityFromIngest, type ErasureTarget } from './ingest'
