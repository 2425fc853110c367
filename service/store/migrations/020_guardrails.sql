-- Guardrails: per-tenant quotas and security policy (API JSON, camelCase), and each tenant's
-- network. Networks are allocated under a lock on the parent row; the unique index is the
-- backstop that two tenants can never hold the same block.
ALTER TABLE tenants ADD COLUMN quotas jsonb;
ALTER TABLE tenants ADD COLUMN security_policy jsonb;
ALTER TABLE tenants ADD COLUMN network_cidr cidr;
ALTER TABLE tenants ADD COLUMN network_prefix_length integer CHECK (network_prefix_length BETWEEN 8 AND 28);
CREATE UNIQUE INDEX tenants_network_cidr_key ON tenants (network_cidr);

-- The organisation root owns 10.0.0.0/8, however it is inserted (bootstrap knows nothing of networks).
CREATE FUNCTION tenants_root_network() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_id IS NULL AND NEW.network_cidr IS NULL THEN
    NEW.network_cidr := '10.0.0.0/8';
    NEW.network_prefix_length := 8;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tenants_root_network BEFORE INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION tenants_root_network();

-- Existing tenants get networks, level by level: the i-th child (by creation) takes the i-th
-- block four bits smaller than its parent's (more when a parent already has over 16 children).
DO $$
DECLARE
  level integer := 1;
  moved integer;
BEGIN
  UPDATE tenants SET network_cidr = '10.0.0.0/8', network_prefix_length = 8 WHERE parent_id IS NULL;
  LOOP
    WITH todo AS (
      SELECT c.id, p.network_cidr AS parent_net,
             row_number() OVER (PARTITION BY c.parent_id ORDER BY c.created_at, c.id) - 1 AS i,
             masklen(p.network_cidr) + greatest(4, ceil(log(2, count(*) OVER (PARTITION BY c.parent_id)))::integer) AS plen
      FROM tenants c JOIN tenants p ON p.id = c.parent_id
      WHERE c.network_cidr IS NULL AND p.network_cidr IS NOT NULL
    )
    UPDATE tenants t
       SET network_cidr = set_masklen(host(todo.parent_net)::inet + todo.i * (2::bigint ^ (32 - todo.plen))::bigint, todo.plen)::cidr,
           network_prefix_length = todo.plen
      FROM todo WHERE t.id = todo.id AND todo.plen <= 28;
    GET DIAGNOSTICS moved = ROW_COUNT;
    EXIT WHEN moved = 0 OR level > 8;
    level := level + 1;
  END LOOP;
END $$;

-- Billing: one row per stretch of time a resource existed at one monthly cost and footprint.
-- Written in the same transactions as the resource changes; the open interval (ended_at NULL)
-- is also what quotas count. No foreign keys: the bill outlives the resource and its tenant.
CREATE TABLE usage_intervals (
  id bigserial PRIMARY KEY,
  resource_id text NOT NULL,
  kind text NOT NULL,
  name text NOT NULL,
  tenant_id text NOT NULL,
  tenant_path text NOT NULL,
  monthly_cost double precision NOT NULL CHECK (monthly_cost >= 0),
  cpu double precision NOT NULL DEFAULT 0,
  memory_gib double precision NOT NULL DEFAULT 0,
  storage_gib double precision NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE UNIQUE INDEX usage_intervals_open_key ON usage_intervals (resource_id) WHERE ended_at IS NULL;
CREATE INDEX usage_intervals_tenant_path_idx ON usage_intervals (tenant_path text_pattern_ops);
