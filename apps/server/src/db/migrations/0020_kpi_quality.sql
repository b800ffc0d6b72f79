CREATE TABLE "kpi_penalties" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kpi_penalties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"period" text NOT NULL,
	"points" double precision NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"ticket_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_scorecards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kpi_scorecards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"period" text NOT NULL,
	"user_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"status" text DEFAULT 'computed' NOT NULL,
	"score" double precision NOT NULL,
	"coefficient" double precision NOT NULL,
	"penalty_points" double precision DEFAULT 0 NOT NULL,
	"penalty_fen" bigint DEFAULT 0 NOT NULL,
	"portfolio_size" integer DEFAULT 0 NOT NULL,
	"figures" jsonb NOT NULL,
	"settings_id" integer,
	"settings_version" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" integer,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kpi_settings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kpi_settings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"effective_from" text NOT NULL,
	"weights" jsonb NOT NULL,
	"targets" jsonb NOT NULL,
	"bonus_table" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_inspections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quality_inspections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"staff_user_id" integer,
	"counter_name" text,
	"org_unit_id" integer NOT NULL,
	"inspected_at" date NOT NULL,
	"inspector_id" integer,
	"items" jsonb NOT NULL,
	"score" integer NOT NULL,
	"max_score" integer NOT NULL,
	"penalty_points" double precision DEFAULT 0 NOT NULL,
	"penalty_fen" bigint DEFAULT 0 NOT NULL,
	"ticket_id" integer,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_penalties" ADD CONSTRAINT "kpi_penalties_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_penalties" ADD CONSTRAINT "kpi_penalties_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_penalties" ADD CONSTRAINT "kpi_penalties_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_scorecards" ADD CONSTRAINT "kpi_scorecards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_scorecards" ADD CONSTRAINT "kpi_scorecards_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_scorecards" ADD CONSTRAINT "kpi_scorecards_settings_id_kpi_settings_id_fk" FOREIGN KEY ("settings_id") REFERENCES "public"."kpi_settings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_scorecards" ADD CONSTRAINT "kpi_scorecards_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_settings" ADD CONSTRAINT "kpi_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_inspector_id_users_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_inspections" ADD CONSTRAINT "quality_inspections_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_penalties_user_period_idx" ON "kpi_penalties" USING btree ("user_id","period");--> statement-breakpoint
CREATE INDEX "kpi_penalties_period_idx" ON "kpi_penalties" USING btree ("period");--> statement-breakpoint
CREATE INDEX "kpi_penalties_ticket_idx" ON "kpi_penalties" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_scorecards_period_user_uq" ON "kpi_scorecards" USING btree ("period","user_id");--> statement-breakpoint
CREATE INDEX "kpi_scorecards_user_idx" ON "kpi_scorecards" USING btree ("user_id","period");--> statement-breakpoint
CREATE INDEX "kpi_scorecards_org_period_idx" ON "kpi_scorecards" USING btree ("org_unit_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_settings_effective_from_uq" ON "kpi_settings" USING btree ("effective_from");--> statement-breakpoint
CREATE INDEX "quality_inspections_staff_idx" ON "quality_inspections" USING btree ("staff_user_id","inspected_at") WHERE "quality_inspections"."staff_user_id" is not null;--> statement-breakpoint
CREATE INDEX "quality_inspections_org_idx" ON "quality_inspections" USING btree ("org_unit_id","inspected_at");--> statement-breakpoint
CREATE INDEX "quality_inspections_date_idx" ON "quality_inspections" USING btree ("inspected_at");--> statement-breakpoint
CREATE INDEX "quality_inspections_ticket_idx" ON "quality_inspections" USING btree ("ticket_id");