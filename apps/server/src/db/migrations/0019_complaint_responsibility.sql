ALTER TABLE "ticket_complaints" ADD COLUMN "responsibility" text;--> statement-breakpoint
UPDATE "ticket_complaints" SET "responsibility" = CASE WHEN "responsible_user_id" IS NOT NULL THEN 'employee' ELSE 'department' END WHERE "responsible_user_id" IS NOT NULL OR "responsible_department_id" IS NOT NULL;
