CREATE TABLE "survey_wave_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_wave_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_wave_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_wave_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"wave_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"tier" text,
	"assignee_id" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"source" text DEFAULT 'sample' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_outcome" text,
	"last_attempt_at" timestamp with time zone,
	"invitation_id" integer,
	"respondent_key" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_wave_members_wave_customer_key" UNIQUE("wave_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "survey_waves" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_waves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"questionnaire_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"org_unit_id" integer NOT NULL,
	"sampling" text NOT NULL,
	"sample_pct" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "wave_id" integer;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "interaction_id" integer;--> statement-breakpoint
ALTER TABLE "survey_wave_attempts" ADD CONSTRAINT "survey_wave_attempts_member_id_survey_wave_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."survey_wave_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_wave_attempts" ADD CONSTRAINT "survey_wave_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_wave_members" ADD CONSTRAINT "survey_wave_members_wave_id_survey_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."survey_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_wave_members" ADD CONSTRAINT "survey_wave_members_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_wave_members" ADD CONSTRAINT "survey_wave_members_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_waves" ADD CONSTRAINT "survey_waves_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_waves" ADD CONSTRAINT "survey_waves_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_waves" ADD CONSTRAINT "survey_waves_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_wave_attempts_member_idx" ON "survey_wave_attempts" USING btree ("member_id","at");--> statement-breakpoint
CREATE INDEX "survey_wave_members_assignee_idx" ON "survey_wave_members" USING btree ("assignee_id","wave_id","status");--> statement-breakpoint
CREATE INDEX "survey_wave_members_wave_status_idx" ON "survey_wave_members" USING btree ("wave_id","status");--> statement-breakpoint
CREATE INDEX "survey_wave_members_customer_idx" ON "survey_wave_members" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "survey_wave_members_respondent_idx" ON "survey_wave_members" USING btree ("wave_id","respondent_key");--> statement-breakpoint
CREATE INDEX "survey_waves_quarter_idx" ON "survey_waves" USING btree ("quarter","id");--> statement-breakpoint
CREATE INDEX "survey_waves_org_unit_idx" ON "survey_waves" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "survey_waves_questionnaire_idx" ON "survey_waves" USING btree ("questionnaire_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_wave_idx" ON "survey_invitations" USING btree ("wave_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_interaction_idx" ON "survey_invitations" USING btree ("interaction_id");