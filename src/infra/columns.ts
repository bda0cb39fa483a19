// Column groups every table shares, so conventions (text ids, timestamptz) stay uniform.
import { text, timestamp } from 'drizzle-orm/pg-core'

export const id = () => text('id').primaryKey()
export const tenantId = () => text('tenant_id').notNull()
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow()
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
