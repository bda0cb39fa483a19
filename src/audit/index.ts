// Front door of the audit log (immutable; UPDATE/DELETE fail in the database).
export { listAudit, recordAudit, type AuditEvent, type AuditInput } from './audit.repo'
