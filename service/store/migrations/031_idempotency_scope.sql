-- Idempotency keys belong to the caller (the token that sent them): another caller's key of the
-- same spelling is a different key, neither refused (422) nor revealed. Keys written before
-- this migration get an empty scope that no caller has, so they never replay again.
ALTER TABLE idempotency_keys ADD COLUMN scope text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope, kind, key);
