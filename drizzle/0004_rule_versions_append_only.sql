-- Rule versions are immutable: a change is a new version, and past awards keep explaining
-- themselves through the version they point at. Adds rule_versions to the append-only set
-- (the migrator re-applies app_apply_append_only() after every migration).
CREATE OR REPLACE FUNCTION app_append_only_tables() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['ledger_entries', 'lot_allocations', 'audit_events', 'rule_versions']::text[]
$$;
