/** Databases: MySQL (mysqld_exporter), PostgreSQL (postgres_exporter), Redis (redis_exporter). */
import { DashboardSpec, TENANT, rate, sel } from './model';

const I = 'instance=~"$instance"';

export const databasesDashboard: DashboardSpec = {
  uid: 'hikube-databases',
  title: 'Databases',
  tags: ['databases', 'mysql', 'postgresql', 'redis'],
  variables: [{ name: 'instance', query: `label_values({${TENANT}, __name__=~"mysql_up|pg_up|redis_up"}, instance)` }],
  rows: [
    {
      title: 'MySQL',
      panels: [
        { title: 'Up', type: 'stat', width: 6, metrics: [{ expr: sel('mysql_up', I), legend: '{{instance}}' }] },
        {
          title: 'Connections',
          width: 9,
          metrics: [
            { expr: sel('mysql_global_status_threads_connected', I), legend: '{{instance}} connected' },
            { expr: sel('mysql_global_variables_max_connections', I), legend: '{{instance}} max' },
          ],
        },
        { title: 'Queries per second', unit: 'ops', width: 9, metrics: [{ expr: rate('mysql_global_status_queries', I), legend: '{{instance}}' }] },
        { title: 'Slow queries', metrics: [{ expr: rate('mysql_global_status_slow_queries', I), legend: '{{instance}}' }] },
        {
          title: 'InnoDB buffer pool hit ratio',
          unit: 'percentunit',
          metrics: [{ expr: `1 - ${rate('mysql_global_status_innodb_buffer_pool_reads', I)} / ${rate('mysql_global_status_innodb_buffer_pool_read_requests', I)}`, legend: '{{instance}}' }],
        },
      ],
    },
    {
      title: 'PostgreSQL',
      panels: [
        { title: 'Up', type: 'stat', width: 6, metrics: [{ expr: sel('pg_up', I), legend: '{{instance}}' }] },
        {
          title: 'Connections',
          width: 9,
          metrics: [
            { expr: `sum by (instance) (${sel('pg_stat_activity_count', I)})`, legend: '{{instance}} connected' },
            { expr: sel('pg_settings_max_connections', I), legend: '{{instance}} max' },
          ],
        },
        {
          title: 'Transactions per second',
          unit: 'ops',
          width: 9,
          metrics: [{ expr: `sum by (instance) (${rate('pg_stat_database_xact_commit', I)} + ${rate('pg_stat_database_xact_rollback', I)})`, legend: '{{instance}}' }],
        },
        {
          title: 'Cache hit ratio',
          unit: 'percentunit',
          metrics: [
            {
              expr: `sum by (instance) (${rate('pg_stat_database_blks_hit', I)}) / (sum by (instance) (${rate('pg_stat_database_blks_hit', I)}) + sum by (instance) (${rate('pg_stat_database_blks_read', I)}))`,
              legend: '{{instance}}',
            },
          ],
        },
        { title: 'Deadlocks', metrics: [{ expr: `sum by (instance) (${rate('pg_stat_database_deadlocks', I)})`, legend: '{{instance}}' }] },
      ],
    },
    {
      title: 'Redis',
      panels: [
        { title: 'Up', type: 'stat', width: 6, metrics: [{ expr: sel('redis_up', I), legend: '{{instance}}' }] },
        { title: 'Connected clients', width: 9, metrics: [{ expr: sel('redis_connected_clients', I), legend: '{{instance}}' }] },
        { title: 'Commands per second', unit: 'ops', width: 9, metrics: [{ expr: rate('redis_commands_processed_total', I), legend: '{{instance}}' }] },
        {
          title: 'Keyspace hit ratio',
          unit: 'percentunit',
          metrics: [{ expr: `${rate('redis_keyspace_hits_total', I)} / (${rate('redis_keyspace_hits_total', I)} + ${rate('redis_keyspace_misses_total', I)})`, legend: '{{instance}}' }],
        },
        {
          title: 'Memory used / max',
          unit: 'percentunit',
          metrics: [{ expr: `${sel('redis_memory_used_bytes', I)} / (${sel('redis_memory_max_bytes', I)} > 0)`, legend: '{{instance}}' }],
        },
      ],
    },
  ],
};
