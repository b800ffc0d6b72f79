CREATE TABLE "import_errors" (
	"run_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"column_name" text,
	"value" text,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"entity" text NOT NULL,
	"file_name" text NOT NULL,
	"stored_name" text NOT NULL,
	"file_size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text,
	"detected_encoding" text,
	"headers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"inserts" integer DEFAULT 0 NOT NULL,
	"updates" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"staged_rows" integer DEFAULT 0 NOT NULL,
	"committed_through_row" integer DEFAULT 0 NOT NULL,
	"committed_rows" integer DEFAULT 0 NOT NULL,
	"preview" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"job_id" bigint,
	"created_by" integer,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"phase_started_at" timestamp with time zone,
	"validated_at" timestamp with time zone,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
-- Staging rows are rebuilt from the stored file when lost, so they need no WAL.
CREATE UNLOGGED TABLE "import_staging" (
	"run_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"c1" text,
	"c2" text,
	"c3" text,
	"c4" text,
	"c5" text,
	"c6" text,
	"c7" text,
	"c8" text,
	"c9" text,
	"c10" text,
	"c11" text,
	"c12" text,
	"c13" text,
	"c14" text,
	"c15" text,
	"c16" text,
	"c17" text,
	"c18" text,
	"c19" text,
	"c20" text
);
--> statement-breakpoint
ALTER TABLE "import_errors" ADD CONSTRAINT "import_errors_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_errors_run_idx" ON "import_errors" USING btree ("run_id","row_no");--> statement-breakpoint
CREATE INDEX "import_runs_created_idx" ON "import_runs" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "import_runs_at_idx" ON "import_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "import_staging_run_row_idx" ON "import_staging" USING btree ("run_id","row_no");