-- Bearer tokens: only the SHA-256 of the secret is stored. A token is bound to a tenant and
-- acts on that tenant's subtree with its role.
CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('view', 'use', 'admin', 'super-admin')),
  token_hash text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);

CREATE INDEX api_tokens_tenant_id_idx ON api_tokens (tenant_id);
