ALTER TABLE "discount_requests" ALTER COLUMN "product_instance_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD COLUMN "opportunity_id" integer;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD COLUMN "solution_option_id" integer;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD COLUMN "solution_option_item_id" integer;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD COLUMN "requester_limit" jsonb;--> statement-breakpoint
CREATE INDEX "discount_requests_option_item_idx" ON "discount_requests" USING btree ("solution_option_item_id");