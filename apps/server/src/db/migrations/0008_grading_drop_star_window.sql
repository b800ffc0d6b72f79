ALTER TABLE "customer_grades" DROP COLUMN "star_months";--> statement-breakpoint
ALTER TABLE "customer_grades" DROP COLUMN "star_min_fen";