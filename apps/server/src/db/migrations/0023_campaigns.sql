CREATE TABLE "marketing_campaign_members" (
	"campaign_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"arm" text NOT NULL,
	"excluded_reason" text,
	"channel" text,
	"assignee_user_id" integer,
	"status" text DEFAULT 'none' NOT NULL,
	"contacted_at" timestamp with time zone,
	"outcome" text,
	"responded_at" timestamp with time zone,
	"converted_at" timestamp with time zone,
	CONSTRAINT "marketing_campaign_members_campaign_id_customer_id_pk" PRIMARY KEY("campaign_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "marketing_campaigns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "marketing_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"stage" text DEFAULT 'insight' NOT NULL,
	"segment_id" integer NOT NULL,
	"segment_version" integer NOT NULL,
	"offer_id" integer,
	"plan" jsonb NOT NULL,
	"parent_campaign_id" integer,
	"org_unit_id" integer NOT NULL,
	"contact_job_id" bigint,
	"launched_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marketing_offers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "marketing_offers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"offering_id" integer NOT NULL,
	"monthly_price_fen" bigint NOT NULL,
	"discount_pct" smallint DEFAULT 0 NOT NULL,
	"eligibility" jsonb,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marketing_opt_outs" (
	"customer_id" integer PRIMARY KEY NOT NULL,
	"reason" text,
	"source" text NOT NULL,
	"by_user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marketing_segment_versions" (
	"segment_id" integer NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "marketing_segment_versions_segment_id_version_pk" PRIMARY KEY("segment_id","version")
);
--> statement-breakpoint
CREATE TABLE "marketing_segments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "marketing_segments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text,
	"definition" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"org_unit_id" integer NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "marketing_campaign_members" ADD CONSTRAINT "marketing_campaign_members_campaign_id_marketing_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."marketing_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_campaign_members" ADD CONSTRAINT "marketing_campaign_members_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_campaign_members" ADD CONSTRAINT "marketing_campaign_members_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD CONSTRAINT "marketing_campaigns_segment_id_marketing_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."marketing_segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD CONSTRAINT "marketing_campaigns_offer_id_marketing_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."marketing_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD CONSTRAINT "marketing_campaigns_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD CONSTRAINT "marketing_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_offers" ADD CONSTRAINT "marketing_offers_offering_id_product_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."product_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_offers" ADD CONSTRAINT "marketing_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_opt_outs" ADD CONSTRAINT "marketing_opt_outs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_opt_outs" ADD CONSTRAINT "marketing_opt_outs_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_segment_versions" ADD CONSTRAINT "marketing_segment_versions_segment_id_marketing_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."marketing_segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_segment_versions" ADD CONSTRAINT "marketing_segment_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_segments" ADD CONSTRAINT "marketing_segments_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_segments" ADD CONSTRAINT "marketing_segments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "marketing_members_customer_idx" ON "marketing_campaign_members" USING btree ("customer_id","contacted_at");--> statement-breakpoint
CREATE INDEX "marketing_members_assignee_idx" ON "marketing_campaign_members" USING btree ("assignee_user_id","status") WHERE "marketing_campaign_members"."assignee_user_id" is not null;--> statement-breakpoint
CREATE INDEX "marketing_members_campaign_arm_idx" ON "marketing_campaign_members" USING btree ("campaign_id","arm","status");--> statement-breakpoint
CREATE INDEX "marketing_campaigns_stage_idx" ON "marketing_campaigns" USING btree ("stage","id");--> statement-breakpoint
CREATE INDEX "marketing_campaigns_segment_idx" ON "marketing_campaigns" USING btree ("segment_id");--> statement-breakpoint
CREATE INDEX "marketing_campaigns_parent_idx" ON "marketing_campaigns" USING btree ("parent_campaign_id");--> statement-breakpoint
CREATE INDEX "marketing_campaigns_org_idx" ON "marketing_campaigns" USING btree ("org_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "marketing_offers_code_uq" ON "marketing_offers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "marketing_offers_offering_idx" ON "marketing_offers" USING btree ("offering_id");--> statement-breakpoint
CREATE INDEX "marketing_segments_org_idx" ON "marketing_segments" USING btree ("org_unit_id");