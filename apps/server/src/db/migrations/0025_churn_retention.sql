CREATE TABLE "churn_competitors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "churn_competitors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "churn_terminations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "churn_terminations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"termination_date" date NOT NULL,
	"reason_code" text NOT NULL,
	"note" text,
	"competitor_id" integer,
	"ported_out" boolean DEFAULT false NOT NULL,
	"lines_lost" integer DEFAULT 0 NOT NULL,
	"monthly_value_lost_fen" bigint DEFAULT 0 NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "churn_retention_actions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "churn_retention_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"kind" text NOT NULL,
	"owner_id" integer NOT NULL,
	"due_date" date NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"scoring_run_id" integer,
	"completed_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "churn_terminations" ADD CONSTRAINT "churn_terminations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_terminations" ADD CONSTRAINT "churn_terminations_competitor_id_churn_competitors_id_fk" FOREIGN KEY ("competitor_id") REFERENCES "public"."churn_competitors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_terminations" ADD CONSTRAINT "churn_terminations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_retention_actions" ADD CONSTRAINT "churn_retention_actions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_retention_actions" ADD CONSTRAINT "churn_retention_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "churn_retention_actions" ADD CONSTRAINT "churn_retention_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "churn_competitors_code_uq" ON "churn_competitors" USING btree ("code");--> statement-breakpoint
CREATE INDEX "churn_terminations_customer_idx" ON "churn_terminations" USING btree ("customer_id","termination_date");--> statement-breakpoint
CREATE INDEX "churn_terminations_date_idx" ON "churn_terminations" USING btree ("termination_date");--> statement-breakpoint
CREATE INDEX "churn_terminations_competitor_idx" ON "churn_terminations" USING btree ("competitor_id");--> statement-breakpoint
CREATE INDEX "churn_retention_actions_customer_idx" ON "churn_retention_actions" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "churn_retention_actions_owner_idx" ON "churn_retention_actions" USING btree ("owner_id","outcome","due_date");--> statement-breakpoint
CREATE INDEX "churn_retention_actions_run_idx" ON "churn_retention_actions" USING btree ("scoring_run_id");