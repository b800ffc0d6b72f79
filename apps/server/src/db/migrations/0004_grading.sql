CREATE TABLE "customer_grades" (
	"period" text NOT NULL,
	"customer_id" integer NOT NULL,
	"run_id" integer NOT NULL,
	"rule_set_id" integer NOT NULL,
	"rule_set_version" integer NOT NULL,
	"category" text NOT NULL,
	"tier" text,
	"raw_tier" text,
	"prev_tier" text,
	"below_count" smallint DEFAULT 0 NOT NULL,
	"held" boolean DEFAULT false NOT NULL,
	"reason" text NOT NULL,
	"stars" smallint,
	"prev_stars" smallint,
	"star_months" smallint DEFAULT 0 NOT NULL,
	"star_min_fen" bigint,
	"abc_class" text NOT NULL,
	"importance" text,
	"measure_fen" bigint NOT NULL,
	"measure_sum_fen" bigint NOT NULL,
	"measure_months" smallint NOT NULL,
	"measure_divisor" smallint NOT NULL,
	"spend_fen" bigint NOT NULL,
	"potential" boolean DEFAULT false NOT NULL,
	CONSTRAINT "customer_grades_period_customer_id_pk" PRIMARY KEY("period","customer_id")
);
--> statement-breakpoint
CREATE TABLE "grading_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grading_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"period" text NOT NULL,
	"customer_id" integer NOT NULL,
	"kind" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"direction" text NOT NULL,
	"run_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grading_rule_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grading_rule_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"effective_from" text NOT NULL,
	"config" jsonb NOT NULL,
	"notes" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"activated_by" integer
);
--> statement-breakpoint
CREATE TABLE "grading_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grading_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"period" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"trigger" text DEFAULT 'manual' NOT NULL,
	"job_id" bigint,
	"rule_set_id" integer,
	"rule_set_version" integer,
	"graded_count" integer,
	"changed_count" integer,
	"summary" jsonb,
	"error" text,
	"duration_ms" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "customer_grades_customer_idx" ON "customer_grades" USING btree ("customer_id","period");--> statement-breakpoint
CREATE INDEX "grading_events_period_idx" ON "grading_events" USING btree ("period","kind");--> statement-breakpoint
CREATE INDEX "grading_events_customer_idx" ON "grading_events" USING btree ("customer_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "grading_rule_sets_version_uq" ON "grading_rule_sets" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "grading_rule_sets_active_from_uq" ON "grading_rule_sets" USING btree ("effective_from") WHERE "grading_rule_sets"."status" = 'active';--> statement-breakpoint
CREATE INDEX "grading_runs_period_idx" ON "grading_runs" USING btree ("period","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grading_runs_job_uq" ON "grading_runs" USING btree ("job_id");