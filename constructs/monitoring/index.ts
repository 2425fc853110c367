// Building blocks of MonitoringStack, for users who compose their own: `import { monitoring } from 'hikube-iac'`.
export * from './agents';
export * from './charts';
export * from './dashboards';
export * from './grafana-provisioning';
export * from './server';
export * from './vmauth-config';
