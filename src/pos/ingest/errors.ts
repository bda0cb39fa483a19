// Processing failures the job must not retry: the stored delivery can never be processed as it
// is (unreadable, or a notice whose details we have no way to fetch). They go straight to the
// dead-letter queue; an operator's replay retries them once the cause is fixed.
export class PermanentIngestError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PermanentIngestError'
  }
}

/** Transient: the provider asked us to come back later, or was unreachable. */
export class RetryLaterError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RetryLaterError'
  }
}
