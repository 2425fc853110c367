-- A rotation of a resource's generated secrets (a PostgreSQL user's password) is audited as
-- its own action: what changed is a secret, redacted in the entry, not the spec.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('create', 'update', 'delete', 'rotate'));
