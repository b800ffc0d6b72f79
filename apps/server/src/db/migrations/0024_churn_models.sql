CREATE TABLE "churn_feature_snapshots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "churn_feature_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"period" text NOT NULL,
	"feature_set_version" text NOT NULL,
	"customer_id" integer NOT NULL,
	"features" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "churn_models" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "churn_models_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"learner" text NOT NULL,
	"feature_set_version" text NOT NULL,
	"train_from" text NOT NULL,
	"train_to" text NOT NULL,
	"horizon_months" integer NOT NULL,
	"rows" integer NOT NULL,
	"positives" integer NOT NULL,
	"validation_rows" integer NOT NULL,
	"metrics" jsonb NOT NULL,
	"importance" jsonb NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"encoding" jsonb NOT NULL,
	"model" jsonb NOT NULL,
	"is_champion" boolean DEFAULT false NOT NULL,
	"promoted_at" timestamp with time zone,
	"promoted_by" integer,
	"train_seconds" double precision NOT NULL,
	"job_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "churn_score_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "churn_score_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"period" text NOT NULL,
	"model_id" integer NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"control_percent" integer NOT NULL,
	"seed" integer NOT NULL,
	"customers" integer DEFAULT 0 NOT NULL,
	"controls" integer DEFAULT 0 NOT NULL,
	"job_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "churn_scores" (
	"run_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"risk" double precision NOT NULL,
	"monthly_value_fen" bigint NOT NULL,
	"value_at_risk_fen" bigint NOT NULL,
	"reasons" jsonb NOT NULL,
	"control" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "churn_feature_snapshots" ADD CONSTRAINT "churn_feature_snapshots_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_models" ADD CONSTRAINT "churn_models_promoted_by_users_id_fk" FOREIGN KEY ("promoted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_models" ADD CONSTRAINT "churn_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_score_runs" ADD CONSTRAINT "churn_score_runs_model_id_churn_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."churn_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_score_runs" ADD CONSTRAINT "churn_score_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_scores" ADD CONSTRAINT "churn_scores_run_id_churn_score_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."churn_score_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_scores" ADD CONSTRAINT "churn_scores_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "churn_feature_snapshots_uq" ON "churn_feature_snapshots" USING btree ("period","feature_set_version","customer_id");--> statement-breakpoint
CREATE INDEX "churn_feature_snapshots_customer_idx" ON "churn_feature_snapshots" USING btree ("customer_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "churn_models_champion_uq" ON "churn_models" USING btree ("is_champion") WHERE "churn_models"."is_champion";--> statement-breakpoint
CREATE UNIQUE INDEX "churn_models_job_uq" ON "churn_models" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "churn_models_created_idx" ON "churn_models" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "churn_score_runs_job_uq" ON "churn_score_runs" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "churn_score_runs_status_idx" ON "churn_score_runs" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "churn_scores_pk" ON "churn_scores" USING btree ("run_id","customer_id");--> statement-breakpoint
CREATE INDEX "churn_scores_rank_idx" ON "churn_scores" USING btree ("run_id","value_at_risk_fen");--> statement-breakpoint
CREATE INDEX "churn_scores_customer_idx" ON "churn_scores" USING btree ("customer_id","run_id");