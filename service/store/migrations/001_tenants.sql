-- Tenants form one tree under the organisation root (the only row without a parent).
-- Uniqueness lives in indexes so that concurrent creates cannot race past a check.
CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  parent_id text REFERENCES tenants (id) ON DELETE RESTRICT,
  path text NOT NULL,
  namespace text NOT NULL,
  description text,
  labels jsonb NOT NULL DEFAULT '{}'::jsonb,
  deletion_protection boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT tenants_sibling_name_key UNIQUE (parent_id, name),
  CONSTRAINT tenants_path_key UNIQUE (path),
  CONSTRAINT tenants_namespace_key UNIQUE (namespace)
);

CREATE UNIQUE INDEX tenants_single_root_key ON tenants ((parent_id IS NULL)) WHERE parent_id IS NULL;
CREATE INDEX tenants_parent_id_idx ON tenants (parent_id);
