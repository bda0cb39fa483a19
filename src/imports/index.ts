// Front door of data in: members with opening balances from a CSV, previewed then imported.
export { importMembers, type ImportReport } from './import-members'
export { MAX_IMPORT_POINTS } from './plan-member-import'
