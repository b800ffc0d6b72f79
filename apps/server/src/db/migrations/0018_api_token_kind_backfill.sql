-- OAuth access tokens issued before api_tokens.kind existed (named "oauth:<client id>", with an expiry): mark them
-- so they leave the API-token list and are purged once expired.
UPDATE "api_tokens" SET "kind" = 'oauth' WHERE "name" LIKE 'oauth:bss\_%' AND "expires_at" IS NOT NULL;
