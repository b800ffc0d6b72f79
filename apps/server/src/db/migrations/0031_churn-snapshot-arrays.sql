-- Feature values move from one JSON object per row to two arrays in the declaration order of the feature set v1
-- (churn.features.ts): the numeric features in a float8[], the categorical ones in a text[]. Existing rows are
-- converted in place (the same values; a missing key becomes NULL).
ALTER TABLE "churn_feature_snapshots" ADD COLUMN "numeric_features" double precision[];--> statement-breakpoint
ALTER TABLE "churn_feature_snapshots" ADD COLUMN "categorical_features" text[];--> statement-breakpoint
UPDATE "churn_feature_snapshots" SET
  "numeric_features" = ARRAY[(features->>'tenure_months')::double precision,
    (features->>'spend_level_yuan')::double precision,
    (features->>'spend_trend_3m_pct')::double precision,
    (features->>'spend_trend_6m_pct')::double precision,
    (features->>'arpu_change_pct')::double precision,
    (features->>'products_active')::double precision,
    (features->>'products_terminated_6m')::double precision,
    (features->>'contract_days_left')::double precision,
    (features->>'complaints_90d')::double precision,
    (features->>'unresolved_tickets_90d')::double precision,
    (features->>'sla_breaches_90d')::double precision,
    (features->>'satisfaction_latest')::double precision,
    (features->>'recommend_latest')::double precision,
    (features->>'price_review_overdue_days')::double precision,
    (features->>'competitor_offer')::double precision,
    (features->>'arrears_yuan')::double precision,
    (features->>'usage_drop_pct')::double precision,
    (features->>'days_since_contact')::double precision,
    (features->>'tier_change')::double precision],
  "categorical_features" = ARRAY[features->>'tier', features->>'category'];--> statement-breakpoint
ALTER TABLE "churn_feature_snapshots" ALTER COLUMN "numeric_features" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "churn_feature_snapshots" ALTER COLUMN "categorical_features" SET NOT NULL;
