CREATE TABLE "investment_evaluations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "investment_evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"input" jsonb NOT NULL,
	"capital_fen" bigint NOT NULL,
	"opex_fen" bigint NOT NULL,
	"total_revenue_fen" bigint NOT NULL,
	"total_cost_fen" bigint NOT NULL,
	"surplus_fen" bigint NOT NULL,
	"payback_month" integer,
	"npv_fen" bigint NOT NULL,
	"irr_bp" integer,
	"rule_passes" boolean NOT NULL,
	"rule_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approver_level" text NOT NULL,
	"policy_version" integer DEFAULT 0 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_reason" text
);
--> statement-breakpoint
CREATE TABLE "investment_policies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "investment_policies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version" integer NOT NULL,
	"min_surplus_fen" bigint DEFAULT 0 NOT NULL,
	"require_positive_npv" boolean DEFAULT false NOT NULL,
	"tiers" jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investment_projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "investment_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"name" text NOT NULL,
	"opportunity_id" integer,
	"solution_option_id" integer,
	"description" text,
	"owner_id" integer,
	"org_unit_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discount_authority" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "discount_authority_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"role" text NOT NULL,
	"org_level" text DEFAULT 'any' NOT NULL,
	"product_family" text DEFAULT 'any' NOT NULL,
	"max_discount_bp" integer NOT NULL,
	"max_monthly_fen" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discount_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "discount_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"product_instance_id" integer NOT NULL,
	"product_family" text NOT NULL,
	"source" text DEFAULT 'quote' NOT NULL,
	"list_monthly_fen" bigint NOT NULL,
	"requested_monthly_fen" bigint NOT NULL,
	"discount_bp" integer NOT NULL,
	"discount_monthly_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" integer,
	"approver_id" integer,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "investment_evaluations" ADD CONSTRAINT "investment_evaluations_project_id_investment_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."investment_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_evaluations" ADD CONSTRAINT "investment_evaluations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_evaluations" ADD CONSTRAINT "investment_evaluations_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_evaluations" ADD CONSTRAINT "investment_evaluations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_policies" ADD CONSTRAINT "investment_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_projects" ADD CONSTRAINT "investment_projects_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_projects" ADD CONSTRAINT "investment_projects_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_projects" ADD CONSTRAINT "investment_projects_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_authority" ADD CONSTRAINT "discount_authority_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD CONSTRAINT "discount_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD CONSTRAINT "discount_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD CONSTRAINT "discount_requests_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD CONSTRAINT "discount_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "investment_evaluations_project_version_uq" ON "investment_evaluations" USING btree ("project_id","version");--> statement-breakpoint
CREATE INDEX "investment_evaluations_status_idx" ON "investment_evaluations" USING btree ("status") WHERE "investment_evaluations"."status" in ('submitted', 'reviewed');--> statement-breakpoint
CREATE UNIQUE INDEX "investment_policies_version_uq" ON "investment_policies" USING btree ("version");--> statement-breakpoint
CREATE INDEX "investment_projects_customer_idx" ON "investment_projects" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "investment_projects_owner_idx" ON "investment_projects" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "investment_projects_opportunity_idx" ON "investment_projects" USING btree ("opportunity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "discount_authority_key_uq" ON "discount_authority" USING btree ("role","org_level","product_family");--> statement-breakpoint
CREATE INDEX "discount_requests_customer_idx" ON "discount_requests" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "discount_requests_status_idx" ON "discount_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "discount_requests_requester_idx" ON "discount_requests" USING btree ("requested_by");--> statement-breakpoint
CREATE INDEX "discount_requests_approver_idx" ON "discount_requests" USING btree ("approver_id","status");