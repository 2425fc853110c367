-- The simulated back-end's key pair for secrets sealed to it (Driver.sealingKey), and the
-- secrets it opened and holds, as an S3 back-end holds its users' secret keys. A real back-end
-- keeps both to itself; the service never reads these.
CREATE TABLE sim_driver_keys (
  id integer PRIMARY KEY CHECK (id = 1),
  public_key text NOT NULL,
  private_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE sim_driver_objects ADD COLUMN held_secrets jsonb NOT NULL DEFAULT '{}'::jsonb;
