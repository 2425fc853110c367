/** The preconfigured dashboards, one per resource type, in folder order. */
import { applicationsDashboard } from './applications';
import { controlPlaneDashboard } from './control-plane';
import { databasesDashboard } from './databases';
import { kubernetesDashboard } from './kubernetes';
import { DashboardSpec } from './model';
import { networkDashboard } from './network';
import { storageDashboard } from './storage';
import { virtualMachinesDashboard } from './virtual-machines';

export * from './model';

export const DASHBOARDS: readonly DashboardSpec[] = [
  kubernetesDashboard,
  virtualMachinesDashboard,
  databasesDashboard,
  applicationsDashboard,
  networkDashboard,
  storageDashboard,
  controlPlaneDashboard,
];
