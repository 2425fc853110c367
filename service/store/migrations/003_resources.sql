-- Clusters, VMs and monitoring stacks share one table: the same lifecycle (desired spec,
-- status, what the driver observed), told apart by kind. Uniqueness lives in indexes so that
-- concurrent creates cannot race past a check.
CREATE TABLE resources (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('cluster', 'vm', 'monitoring')),
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
  -- monitoring stacks have no name of their own: 'monitoring', so the index allows one per tenant
  name text NOT NULL,
  -- desired spec in API (camelCase) form, defaults applied
  spec jsonb NOT NULL,
  -- accepted, stored, never returned (VM cloud-init)
  secret_input jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- bumped by every change of the desired spec: a worker finishes only the generation it applied
  generation integer NOT NULL DEFAULT 1,
  status text NOT NULL CHECK (status IN ('pending', 'provisioning', 'ready', 'updating', 'deleting', 'failed')),
  status_reason text,
  observed jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT resources_name_key UNIQUE (kind, tenant_id, name)
);
CREATE INDEX resources_tenant_id_idx ON resources (tenant_id);

-- Idempotency-Key of a create: same key, same body -> the same resource, across restarts.
-- Written in the create's transaction; released when the resource is deleted.
CREATE TABLE idempotency_keys (
  kind text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  resource_id text NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, key)
);
CREATE INDEX idempotency_keys_resource_id_idx ON idempotency_keys (resource_id);

-- Long work: one row per create/update/delete, written in the resource change's transaction,
-- claimed by workers with FOR UPDATE SKIP LOCKED and a lease (an expired lease = a crashed
-- worker: the op is picked up again). Rows stay after their resource is gone: the history.
CREATE TABLE operations (
  id text PRIMARY KEY,
  kind text NOT NULL,
  resource_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  state text NOT NULL CHECK (state IN ('pending', 'running', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  error text,
  lease_owner text,
  lease_expires_at timestamptz,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
-- At most one unfinished operation per resource: later changes fold into it (controller style).
CREATE UNIQUE INDEX operations_active_key ON operations (resource_id) WHERE state IN ('pending', 'running');
CREATE INDEX operations_due_idx ON operations (next_attempt_at) WHERE state IN ('pending', 'running');

-- Monitoring: each tenant covered by a stack (nearest ancestor-or-self wins) has an account.
CREATE SEQUENCE metrics_account_ids START WITH 1 MINVALUE 1;
CREATE TABLE metrics_accounts (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  owner_tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  account_id integer NOT NULL CHECK (account_id > 0),
  username text NOT NULL,
  password text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT metrics_accounts_account_id_key UNIQUE (account_id)
);
CREATE INDEX metrics_accounts_owner_idx ON metrics_accounts (owner_tenant_id);

-- The simulated driver's own back-end state (a real driver keeps it in Kubernetes).
CREATE TABLE sim_driver_objects (
  id text PRIMARY KEY,
  kind text NOT NULL,
  name text NOT NULL,
  namespace text NOT NULL,
  spec jsonb NOT NULL,
  phase text NOT NULL CHECK (phase IN ('provisioning', 'updating', 'ready', 'deleting', 'failed')),
  reason text,
  phase_until timestamptz NOT NULL DEFAULT now(),
  observed jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- counters for tests: an object created or deleted twice would show here
  creations integer NOT NULL DEFAULT 1,
  updates integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sim_driver_log (
  seq bigserial PRIMARY KEY,
  object_id text NOT NULL,
  event text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
