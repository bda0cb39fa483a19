// Front door of data in: members with opening balances from a CSV, previewed then imported.
export { importMembers, type ImportReport } from './import-members'
