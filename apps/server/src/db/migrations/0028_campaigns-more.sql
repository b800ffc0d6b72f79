ALTER TABLE "marketing_offers" ADD COLUMN "approval_status" text DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE "marketing_offers" ADD COLUMN "approver_id" integer;--> statement-breakpoint
ALTER TABLE "marketing_offers" ADD COLUMN "decided_by" integer;--> statement-breakpoint
ALTER TABLE "marketing_offers" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketing_offers" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "marketing_offers" ADD CONSTRAINT "marketing_offers_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_offers" ADD CONSTRAINT "marketing_offers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "marketing_offers_approver_idx" ON "marketing_offers" USING btree ("approver_id","approval_status");