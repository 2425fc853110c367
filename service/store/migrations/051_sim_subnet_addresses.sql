-- The simulated back-end's address management (Kube-OVN's IPAM gives a VM one address in each
-- subnet it joins): one row per address in use. The keys refuse a second holder of an address
-- and a second address of one object in a subnet, whatever the allocator does.
CREATE TABLE sim_driver_addresses (
  subnet_id text NOT NULL,
  address text NOT NULL,
  object_id text NOT NULL,
  PRIMARY KEY (subnet_id, address),
  UNIQUE (subnet_id, object_id)
);
CREATE INDEX sim_driver_addresses_object ON sim_driver_addresses (object_id);
