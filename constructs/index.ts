// The public API of hikube-iac: `import { HikubeProvider, Tenant } from 'hikube-iac'`.
export * from './access';
export * from './bucket';
export * from './cluster';
export * from './data-service';
export * from './disk';
export * from './errors';
export * from './gpu';
export * from './instance-type';
export * from './interfaces';
export * from './load-balancer';
export * from './mariadb';
export * from './mongodb';
export * from './monitoring-stack';
export * from './network-policies';
export * from './postgres';
export * from './provider';
export * from './rabbitmq';
export * from './redis';
export * from './tenant';
export * from './timeouts';
export * from './vm';
export * from './vpc';
export * from './vpn';
/** The generated L1 bindings (`l1.HikubeTenant`, ...), for escape hatches and advanced use. */
export * as l1 from './generated';
/** Building blocks of the monitoring stack: dashboards, the vmauth configuration, chart versions. */
export * as monitoring from './monitoring';
