// Front door of data out: a shop's transactions, members and ledger as streamed CSV or JSON.
export { type ExportKind, exportKinds, type Range } from './export-sources'
export { countExport, type ExportFormat, streamExport } from './stream-export'
export { exportRange } from './export-range'
