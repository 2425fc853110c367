-- Users' roles on tenants. A role holds for the tenant's whole subtree. One membership per user
-- and tenant, whatever the spelling of the e-mail address's case.
CREATE TABLE tenant_members (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_email text NOT NULL,
  role text NOT NULL CHECK (role IN ('view', 'use', 'admin', 'super-admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tenant_members_user_key ON tenant_members (tenant_id, lower(user_email));

-- Every change made through the API, written in the change's own transaction. No foreign keys:
-- entries outlive the tenants and objects they describe. tenant_path keeps subtree reads
-- possible after the tenant is gone.
CREATE TABLE audit_log (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  token_id text NOT NULL,
  actor_tenant_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  kind text NOT NULL,
  resource_id text NOT NULL,
  tenant_id text NOT NULL,
  tenant_path text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_tenant_path_idx ON audit_log (tenant_path text_pattern_ops, seq);

-- Append-only, whoever connects: the database itself refuses to change history.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
