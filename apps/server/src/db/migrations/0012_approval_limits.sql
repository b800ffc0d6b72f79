CREATE TABLE "approval_limits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "approval_limits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"role" text NOT NULL,
	"org_level" text DEFAULT 'any' NOT NULL,
	"max_amount_fen" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticket_complaints" ADD COLUMN "compensation_proposed_by" integer;--> statement-breakpoint
ALTER TABLE "approval_limits" ADD CONSTRAINT "approval_limits_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approval_limits_kind_role_level_uq" ON "approval_limits" USING btree ("kind","role","org_level");--> statement-breakpoint
ALTER TABLE "ticket_complaints" ADD CONSTRAINT "ticket_complaints_compensation_proposed_by_users_id_fk" FOREIGN KEY ("compensation_proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;