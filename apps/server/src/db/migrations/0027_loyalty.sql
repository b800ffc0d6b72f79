ALTER TABLE "loyalty_rewards" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "loyalty_rewards" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "loyalty_rewards" ADD CONSTRAINT "loyalty_rewards_validity" CHECK ("loyalty_rewards"."valid_from" is null or "loyalty_rewards"."valid_to" is null or "loyalty_rewards"."valid_from" <= "loyalty_rewards"."valid_to");