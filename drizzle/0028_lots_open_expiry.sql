-- Lots still holding points that expire, by expiry: the hourly expiry job (expires_at <= now)
-- and the "points expire next week" notice (a range ahead of now) read a slice of this index
-- instead of every lot of every shop. Partial, so spent and never-expiring lots are not in it.
CREATE INDEX IF NOT EXISTS "lots_open_expiry" ON "lots" ("expires_at", "wallet_id", "tenant_id", "remaining") WHERE "remaining" > 0 AND "expires_at" IS NOT NULL;
