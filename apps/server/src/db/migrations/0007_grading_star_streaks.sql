ALTER TABLE "customer_grades" ADD COLUMN "star_streak3" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_grades" ADD COLUMN "star_streak4" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_grades" ADD COLUMN "star_streak5" smallint DEFAULT 0 NOT NULL;