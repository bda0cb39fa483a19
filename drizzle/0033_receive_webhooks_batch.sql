-- Webhook receipt, many deliveries in ONE statement (ADR 0019, amendment "group commit"): the
-- deliveries that arrive while the previous statement is in flight are stored together, so a
-- lunch rush pays one statement, one commit and one WAL flush per group instead of per
-- delivery. Same rows as app_receive_webhook (0013), which stays for a release still running
-- the previous code during a deploy. The group is one JSON array of deliveries (one parameter,
-- serialised natively on both sides; a text[] of raw bodies cost more CPU to escape in the
-- driver than the INSERT itself). The result is the ids actually inserted, so a redelivery
-- (stored before, or a second copy in the same group) returns nothing for its id.
CREATE OR REPLACE FUNCTION app_receive_webhooks(p_deliveries text) RETURNS SETOF text
LANGUAGE plpgsql VOLATILE
SET search_path = public
AS $$
BEGIN
  PERFORM set_config('app.scope', 'system', true);
  RETURN QUERY
  WITH inserted AS (
    INSERT INTO webhook_events (id, provider, provider_event_id, external_merchant_id, tenant_id, event_type, raw_body, headers, source, status, received_at)
    SELECT d.id, d.provider, d.provider_event_id, d.external_merchant_id, NULL, d.event_type, d.raw_body, d.headers, 'webhook', 'received', d.received_at
    FROM json_to_recordset(p_deliveries::json)
      AS d(id text, provider text, provider_event_id text, external_merchant_id text, event_type text, raw_body text, headers jsonb, received_at timestamptz)
    ON CONFLICT (provider, provider_event_id) DO NOTHING
    RETURNING webhook_events.id
  )
  SELECT inserted.id FROM inserted;
END
$$;
