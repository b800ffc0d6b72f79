-- Default approval authority (审批权限), in fen; null = unlimited. Administrators change them at /api/approval-limits.
-- Compensation: district manager 2,000 yuan, city 5,000, province 50,000, group 200,000.
-- Commitments: district manager 10,000 yuan, city 20,000, province 200,000, group 1,000,000. Administrators: unlimited.
INSERT INTO "approval_limits" ("kind", "role", "org_level", "max_amount_fen") VALUES
  ('compensation', 'manager', 'district', 200000),
  ('compensation', 'manager', 'city', 500000),
  ('compensation', 'manager', 'province', 5000000),
  ('compensation', 'manager', 'group', 20000000),
  ('compensation', 'admin', 'any', NULL),
  ('commitment', 'manager', 'district', 1000000),
  ('commitment', 'manager', 'city', 2000000),
  ('commitment', 'manager', 'province', 20000000),
  ('commitment', 'manager', 'group', 100000000),
  ('commitment', 'admin', 'any', NULL)
ON CONFLICT ("kind", "role", "org_level") DO NOTHING;
