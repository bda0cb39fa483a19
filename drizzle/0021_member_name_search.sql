-- Staff look members up by the start of their name too ("Anna G"): a prefix index on the
-- lower-cased name, queried with the same leakproof range operators as email (ADR 0020).
CREATE INDEX IF NOT EXISTS "members_name_prefix" ON "members" USING btree ("tenant_id", lower("name") text_pattern_ops);
