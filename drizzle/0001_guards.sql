-- Hand-written guards the ORM cannot express. Why: the risk register's two worst failures are a
-- cross-tenant leak and an edited ledger; both are stopped here, below the application, so a
-- forgotten WHERE or a stray UPDATE fails in the database. Tested by
-- tests/infra/guards.int.test.ts. The functions are idempotent and the migrator calls both after
-- every migration, so tables added later are covered without anyone remembering to.

CREATE OR REPLACE FUNCTION app_reject_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: write a correcting entry instead', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
-- Append-only tables: add a name here (in a new migration) when a new log-like table appears.
CREATE OR REPLACE FUNCTION app_append_only_tables() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['ledger_entries', 'lot_allocations', 'audit_events']::text[]
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_apply_append_only() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY app_append_only_tables() LOOP
    IF to_regclass(format('public.%I', t)) IS NOT NULL THEN
      EXECUTE format('DROP TRIGGER IF EXISTS append_only_row ON %I', t);
      EXECUTE format('CREATE TRIGGER append_only_row BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION app_reject_mutation()', t);
      EXECUTE format('DROP TRIGGER IF EXISTS append_only_truncate ON %I', t);
      EXECUTE format('CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION app_reject_mutation()', t);
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
-- Row-level security on every table with a tenant_id column. A session sees a row only when
-- its transaction named that tenant (app.tenant_id) or declared system scope (app.scope).
-- FORCE makes it apply to the table owner too, which is what the app connects as.
CREATE OR REPLACE FUNCTION app_apply_tenant_rls() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND tb.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.scope', true) = 'system')
      WITH CHECK (tenant_id = current_setting('app.tenant_id', true) OR current_setting('app.scope', true) = 'system')$p$, t);
  END LOOP;
END $$;
