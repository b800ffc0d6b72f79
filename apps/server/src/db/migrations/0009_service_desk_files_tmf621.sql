ALTER TABLE "ticket_attachments" ALTER COLUMN "url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "cap_minutes" integer;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD COLUMN "storage_key" text;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD COLUMN "size_bytes" integer;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_attachments_key_uq" ON "ticket_attachments" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "tickets_open_policy_idx" ON "tickets" USING btree ("sla_policy_id","id") WHERE "tickets"."status" in ('acknowledged', 'inProgress', 'held', 'pending');--> statement-breakpoint
-- Backfill: the KA repair limit that capped a resolution clock was recorded on the ticket's "created" event.
UPDATE "sla_clocks" SET "cap_minutes" = ("ticket_events"."data"->>'repairLimitMinutes')::integer FROM "ticket_events" WHERE "ticket_events"."ticket_id" = "sla_clocks"."ticket_id" AND "ticket_events"."kind" = 'created' AND "sla_clocks"."metric" = 'resolution' AND jsonb_typeof("ticket_events"."data"->'repairLimitMinutes') = 'number';
