-- Lightspeed X-Series names a retailer by two ids: retailer_id (a UUID from the API, our
-- external_merchant_id) and domain_prefix (the store's subdomain, from the OAuth callback).
-- Some webhook deliveries carry only domain_prefix, so the connection keeps it as an alias that
-- routes like the primary id; unique per provider so one alias can never reach two tenants.
ALTER TABLE "pos_connections" ADD COLUMN "external_alias" text;--> statement-breakpoint
CREATE UNIQUE INDEX "pos_connections_alias" ON "pos_connections" USING btree ("provider","external_alias") WHERE "external_alias" IS NOT NULL;
