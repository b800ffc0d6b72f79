CREATE TABLE "account_plan_actions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_plan_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"title" text NOT NULL,
	"owner_id" integer,
	"due_date" date,
	"done_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"year" integer NOT NULL,
	"revenue_target_fen" bigint DEFAULT 0 NOT NULL,
	"goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_notes" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_team_members" (
	"customer_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_team_members_customer_id_user_id_role_pk" PRIMARY KEY("customer_id","user_id","role")
);
--> statement-breakpoint
CREATE TABLE "am_assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "am_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"from_user_id" integer,
	"to_user_id" integer NOT NULL,
	"reason" text NOT NULL,
	"assigned_by" integer,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_profiles" (
	"contact_id" integer PRIMARY KEY NOT NULL,
	"customer_id" integer NOT NULL,
	"influence" text DEFAULT 'medium' NOT NULL,
	"our_contact_user_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_relationships" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contact_relationships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"from_contact_id" integer NOT NULL,
	"to_contact_id" integer NOT NULL,
	"kind" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "ka_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ka_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"owner_id" integer NOT NULL,
	"customer_id" integer,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"source_key" text,
	"done_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ka_visits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ka_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"channel" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"contact_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"purpose" text NOT NULL,
	"outcome" text,
	"next_step" text,
	"next_step_due" date,
	"task_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "club_memberships" (
	"customer_id" integer PRIMARY KEY NOT NULL,
	"card" text NOT NULL,
	"card_no" text,
	"since" date NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_entitlements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customer_entitlements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"type_id" integer NOT NULL,
	"tier" text NOT NULL,
	"allowance" integer,
	"value" integer,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"bound_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entitlement_tier_rules" (
	"type_id" integer NOT NULL,
	"tier" text NOT NULL,
	"allowance" integer,
	"value" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	CONSTRAINT "entitlement_tier_rules_type_id_tier_pk" PRIMARY KEY("type_id","tier")
);
--> statement-breakpoint
CREATE TABLE "entitlement_types" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entitlement_types_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"category" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"period" text NOT NULL,
	"club_card_only" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entitlement_usages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entitlement_usages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"type_id" integer NOT NULL,
	"used_on" date NOT NULL,
	"period_key" text NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"used_by" text,
	"contact_id" integer,
	"note" text,
	"over_allowance" boolean DEFAULT false NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "opportunities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"owner_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"stage" text DEFAULT 'lead' NOT NULL,
	"est_monthly_fen" bigint DEFAULT 0 NOT NULL,
	"est_one_time_fen" bigint DEFAULT 0 NOT NULL,
	"expected_close" date,
	"competitor" text,
	"lost_reason" text,
	"chosen_option_id" integer,
	"closed_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity_attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "opportunity_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"opportunity_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"description" text,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity_needs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "opportunity_needs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"opportunity_id" integer NOT NULL,
	"phase" text NOT NULL,
	"item" text NOT NULL,
	"offering_id" integer,
	"quantity" integer NOT NULL,
	"needed_by" date,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "opportunity_notes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "opportunity_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"opportunity_id" integer NOT NULL,
	"body" text NOT NULL,
	"forwarded_to" text,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "solution_option_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "solution_option_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"option_id" integer NOT NULL,
	"offering_id" integer NOT NULL,
	"description" text,
	"quantity" integer NOT NULL,
	"one_time_fen" bigint DEFAULT 0 NOT NULL,
	"monthly_fen" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "solution_options" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "solution_options_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"opportunity_id" integer NOT NULL,
	"name" text NOT NULL,
	"summary" text,
	"term_months" integer NOT NULL,
	"investment_fen" bigint DEFAULT 0 NOT NULL,
	"chosen" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_order_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_order_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"offering_id" integer NOT NULL,
	"description" text,
	"quantity" integer NOT NULL,
	"one_time_fen" bigint DEFAULT 0 NOT NULL,
	"monthly_fen" bigint DEFAULT 0 NOT NULL,
	"service_number" text,
	"product_instance_id" integer
);
--> statement-breakpoint
CREATE TABLE "service_order_steps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_order_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"department" text NOT NULL,
	"assignee_id" integer,
	"due_date" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" integer,
	"note" text,
	"evidence" jsonb,
	"alerted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_orders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_no" text NOT NULL,
	"customer_id" integer NOT NULL,
	"opportunity_id" integer,
	"option_id" integer,
	"title" text NOT NULL,
	"am_id" integer,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"term_months" integer,
	"billing_start_date" date,
	"completed_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "club_event_invitations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "club_event_invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"contact_id" integer,
	"invited_by" integer,
	"status" text DEFAULT 'invited' NOT NULL,
	"lead_opportunity_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "club_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "club_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"event_date" date NOT NULL,
	"location" text,
	"org_unit_id" integer NOT NULL,
	"member_fee_fen" bigint DEFAULT 0 NOT NULL,
	"club_subsidy_fen" bigint DEFAULT 0 NOT NULL,
	"sponsors" text,
	"description" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "line_checks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "line_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"product_instance_id" integer,
	"description" text NOT NULL,
	"interval_days" integer DEFAULT 90 NOT NULL,
	"next_due_date" date NOT NULL,
	"last_done_date" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "price_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"product_instance_id" integer NOT NULL,
	"next_review_date" date NOT NULL,
	"last_reviewed_at" date,
	"interval_months" integer DEFAULT 12 NOT NULL,
	"competitor_offer_fen" bigint,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_rule_settings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warning_rule_settings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"rule_code" text NOT NULL,
	"org_unit_id" integer,
	"enabled" boolean NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warnings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warnings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"customer_id" integer NOT NULL,
	"rule_code" text NOT NULL,
	"cause_key" text NOT NULL,
	"severity" text NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"assignee_id" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" integer,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"close_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_plan_actions" ADD CONSTRAINT "account_plan_actions_plan_id_account_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."account_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_plan_actions" ADD CONSTRAINT "account_plan_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_plans" ADD CONSTRAINT "account_plans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_plans" ADD CONSTRAINT "account_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_team_members" ADD CONSTRAINT "account_team_members_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_team_members" ADD CONSTRAINT "account_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "am_assignments" ADD CONSTRAINT "am_assignments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "am_assignments" ADD CONSTRAINT "am_assignments_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "am_assignments" ADD CONSTRAINT "am_assignments_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "am_assignments" ADD CONSTRAINT "am_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_profiles" ADD CONSTRAINT "contact_profiles_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_profiles" ADD CONSTRAINT "contact_profiles_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_profiles" ADD CONSTRAINT "contact_profiles_our_contact_user_id_users_id_fk" FOREIGN KEY ("our_contact_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_relationships" ADD CONSTRAINT "contact_relationships_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_relationships" ADD CONSTRAINT "contact_relationships_from_contact_id_contacts_id_fk" FOREIGN KEY ("from_contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_relationships" ADD CONSTRAINT "contact_relationships_to_contact_id_contacts_id_fk" FOREIGN KEY ("to_contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ka_tasks" ADD CONSTRAINT "ka_tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ka_tasks" ADD CONSTRAINT "ka_tasks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ka_tasks" ADD CONSTRAINT "ka_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ka_visits" ADD CONSTRAINT "ka_visits_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ka_visits" ADD CONSTRAINT "ka_visits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_memberships" ADD CONSTRAINT "club_memberships_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_entitlements" ADD CONSTRAINT "customer_entitlements_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_entitlements" ADD CONSTRAINT "customer_entitlements_type_id_entitlement_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."entitlement_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_tier_rules" ADD CONSTRAINT "entitlement_tier_rules_type_id_entitlement_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."entitlement_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_usages" ADD CONSTRAINT "entitlement_usages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_usages" ADD CONSTRAINT "entitlement_usages_type_id_entitlement_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."entitlement_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_usages" ADD CONSTRAINT "entitlement_usages_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_usages" ADD CONSTRAINT "entitlement_usages_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_attachments" ADD CONSTRAINT "opportunity_attachments_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_attachments" ADD CONSTRAINT "opportunity_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_needs" ADD CONSTRAINT "opportunity_needs_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_needs" ADD CONSTRAINT "opportunity_needs_offering_id_product_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."product_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_notes" ADD CONSTRAINT "opportunity_notes_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_notes" ADD CONSTRAINT "opportunity_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_option_items" ADD CONSTRAINT "solution_option_items_option_id_solution_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."solution_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_option_items" ADD CONSTRAINT "solution_option_items_offering_id_product_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."product_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_options" ADD CONSTRAINT "solution_options_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_order_items" ADD CONSTRAINT "service_order_items_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_order_items" ADD CONSTRAINT "service_order_items_offering_id_product_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."product_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_order_steps" ADD CONSTRAINT "service_order_steps_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_order_steps" ADD CONSTRAINT "service_order_steps_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_order_steps" ADD CONSTRAINT "service_order_steps_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_am_id_users_id_fk" FOREIGN KEY ("am_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_event_invitations" ADD CONSTRAINT "club_event_invitations_event_id_club_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."club_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_event_invitations" ADD CONSTRAINT "club_event_invitations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_event_invitations" ADD CONSTRAINT "club_event_invitations_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_event_invitations" ADD CONSTRAINT "club_event_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_events" ADD CONSTRAINT "club_events_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_events" ADD CONSTRAINT "club_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_checks" ADD CONSTRAINT "line_checks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_reviews" ADD CONSTRAINT "price_reviews_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_rule_settings" ADD CONSTRAINT "warning_rule_settings_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_rule_settings" ADD CONSTRAINT "warning_rule_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_plan_actions_plan_idx" ON "account_plan_actions" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "account_plans_customer_year_uq" ON "account_plans" USING btree ("customer_id","year");--> statement-breakpoint
CREATE INDEX "account_team_user_idx" ON "account_team_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "am_assignments_customer_idx" ON "am_assignments" USING btree ("customer_id","assigned_at");--> statement-breakpoint
CREATE INDEX "contact_relationships_customer_idx" ON "contact_relationships" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_relationships_uq" ON "contact_relationships" USING btree ("from_contact_id","to_contact_id","kind");--> statement-breakpoint
CREATE INDEX "ka_tasks_owner_idx" ON "ka_tasks" USING btree ("owner_id","status","due_date");--> statement-breakpoint
CREATE INDEX "ka_tasks_customer_idx" ON "ka_tasks" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ka_tasks_source_uq" ON "ka_tasks" USING btree ("owner_id","source_key") WHERE "ka_tasks"."source_key" is not null;--> statement-breakpoint
CREATE INDEX "ka_visits_customer_idx" ON "ka_visits" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "customer_entitlements_customer_idx" ON "customer_entitlements" USING btree ("customer_id","valid_to");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_entitlements_current_uq" ON "customer_entitlements" USING btree ("customer_id","type_id") WHERE "customer_entitlements"."valid_to" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "entitlement_types_code_uq" ON "entitlement_types" USING btree ("code");--> statement-breakpoint
CREATE INDEX "entitlement_usages_customer_idx" ON "entitlement_usages" USING btree ("customer_id","type_id","period_key");--> statement-breakpoint
CREATE INDEX "opportunities_customer_idx" ON "opportunities" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "opportunities_owner_idx" ON "opportunities" USING btree ("owner_id","stage");--> statement-breakpoint
CREATE INDEX "opportunity_attachments_opportunity_idx" ON "opportunity_attachments" USING btree ("opportunity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opportunity_attachments_key_uq" ON "opportunity_attachments" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "opportunity_needs_opportunity_idx" ON "opportunity_needs" USING btree ("opportunity_id");--> statement-breakpoint
CREATE INDEX "opportunity_notes_opportunity_idx" ON "opportunity_notes" USING btree ("opportunity_id","created_at");--> statement-breakpoint
CREATE INDEX "solution_option_items_option_idx" ON "solution_option_items" USING btree ("option_id");--> statement-breakpoint
CREATE INDEX "solution_options_opportunity_idx" ON "solution_options" USING btree ("opportunity_id");--> statement-breakpoint
CREATE INDEX "service_order_items_order_idx" ON "service_order_items" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_order_steps_order_seq_uq" ON "service_order_steps" USING btree ("order_id","seq");--> statement-breakpoint
CREATE INDEX "service_order_steps_assignee_idx" ON "service_order_steps" USING btree ("assignee_id","done_at");--> statement-breakpoint
CREATE INDEX "service_order_steps_due_idx" ON "service_order_steps" USING btree ("due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "service_orders_no_uq" ON "service_orders" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "service_orders_customer_idx" ON "service_orders" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "service_orders_am_idx" ON "service_orders" USING btree ("am_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "club_event_invitations_uq" ON "club_event_invitations" USING btree ("event_id","customer_id","contact_id") WHERE "club_event_invitations"."contact_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "club_event_invitations_customer_uq" ON "club_event_invitations" USING btree ("event_id","customer_id") WHERE "club_event_invitations"."contact_id" is null;--> statement-breakpoint
CREATE INDEX "club_event_invitations_customer_idx" ON "club_event_invitations" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "club_events_date_idx" ON "club_events" USING btree ("event_date");--> statement-breakpoint
CREATE INDEX "line_checks_customer_idx" ON "line_checks" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "line_checks_due_idx" ON "line_checks" USING btree ("next_due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "price_reviews_product_uq" ON "price_reviews" USING btree ("product_instance_id");--> statement-breakpoint
CREATE INDEX "price_reviews_customer_idx" ON "price_reviews" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "price_reviews_due_idx" ON "price_reviews" USING btree ("next_review_date");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_rule_settings_uq" ON "warning_rule_settings" USING btree ("rule_code",coalesce("org_unit_id", 0));--> statement-breakpoint
CREATE UNIQUE INDEX "warnings_cause_uq" ON "warnings" USING btree ("customer_id","rule_code","cause_key");--> statement-breakpoint
CREATE INDEX "warnings_assignee_idx" ON "warnings" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "warnings_status_idx" ON "warnings" USING btree ("status","created_at");