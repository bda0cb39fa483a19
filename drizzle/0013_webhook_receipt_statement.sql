-- Webhook receipt in ONE statement (ADR 0019): the ack path calls this function outside any
-- transaction, so the delivery costs a single prepared round trip instead of BEGIN, scope,
-- routing lookups, INSERT and COMMIT. It is asSystem in one statement: the runtime role may set
-- app.scope itself (src/infra/scope.ts), and the setting is transaction-local, so it ends with
-- this statement's implicit transaction. The row is stored unrouted (tenant_id null, status
-- received); the worker finds its tenant. Returns the new row's id, or null for a redelivery.
-- PL/pgSQL rather than SQL: its plans are cached per session, a SQL function is planned per call.
CREATE OR REPLACE FUNCTION app_receive_webhook(
  p_id text, p_provider text, p_provider_event_id text, p_external_merchant_id text,
  p_event_type text, p_raw_body text, p_headers jsonb, p_received_at timestamptz
) RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = public
AS $$
DECLARE
  v_id text;
BEGIN
  PERFORM set_config('app.scope', 'system', true);
  INSERT INTO webhook_events (id, provider, provider_event_id, external_merchant_id, tenant_id, event_type, raw_body, headers, source, status, received_at)
  VALUES (p_id, p_provider, p_provider_event_id, p_external_merchant_id, NULL, p_event_type, p_raw_body, p_headers, 'webhook', 'received', p_received_at)
  ON CONFLICT (provider, provider_event_id) DO NOTHING
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;
