/** `hikube usage`: what a subtree cost over a period, per tenant and per resource, with totals. */
import type { TenantUsage } from '../../client/types';
import { usageError } from '../errors';
import { printData, table } from '../output';
import { Session } from '../session';

/** Width of the longest bar in the chart, in characters. */
const BAR_WIDTH = 30;

/** A bar chart of cost per tenant, drawn with block characters. */
export function barChart(rows: readonly { label: string; value: number }[], currency: string): string {
  const max = Math.max(...rows.map((r) => r.value), 0);
  const labelWidth = Math.max(...rows.map((r) => r.label.length), 0);
  return rows
    .map((r) => {
      const n = max > 0 ? Math.round((r.value / max) * BAR_WIDTH) : 0;
      return `${r.label.padEnd(labelWidth)}  ${'█'.repeat(n)}${n === 0 && r.value > 0 ? '▏' : ''} ${money(r.value, currency)}`;
    })
    .join('\n');
}

const money = (n: number, currency: string) => `${currency === 'EUR' ? '€' : `${currency} `}${n.toFixed(2)}`;

/** `2026-11-01` -> start of that day, UTC; anything else passes through for the service to check. */
function timeOf(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
  if (Number.isNaN(Date.parse(value))) throw usageError(`${flag} ${value}: not a time (fix: YYYY-MM-DD or RFC 3339, e.g. 2026-11-01T00:00:00Z)`);
  return value;
}

export async function usage(session: Session, _args: string[], options: { tenant?: string; from?: string; to?: string }): Promise<void> {
  const tenantId = options.tenant ? (await session.tenant(options.tenant)).id : await topTenantId(session);
  const range = { from: timeOf(options.from, '--from'), to: timeOf(options.to, '--to') };
  const [report, tenants] = await Promise.all([session.client.tenantUsage(tenantId, range), session.tenants()]);
  await printData(report, session.format, () => render(session, report, new Map(tenants.map((t) => [t.id, t.path]))));
}

/** Without --tenant: the token's own tenant, the top of what it sees. */
async function topTenantId(session: Session): Promise<string> {
  const tenants = await session.tenants();
  const ids = new Set(tenants.map((t) => t.id));
  const top = tenants.filter((t) => t.parentId === null || !ids.has(t.parentId)).sort((a, b) => a.path.length - b.path.length)[0];
  if (!top) throw usageError('this token sees no tenant (fix: --tenant PATH)');
  return top.id;
}

function render(session: Session, report: TenantUsage, paths: Map<string, string>): string {
  const st = session.out;
  const c = report.currency;
  const root = paths.get(report.tenantId) ?? report.tenantId;
  const lines = [`${st.bold('Usage')} of ${root} from ${report.from} to ${report.to}`, ''];
  const resources = [...report.resources].sort((a, b) => b.cost - a.cost);
  lines.push(
    table(
      ['TENANT', 'KIND', 'NAME', 'HOURS', 'COST'],
      [...resources.map((r) => [paths.get(r.tenantId) ?? r.tenantId, r.kind, r.name, r.hours.toFixed(2), money(r.cost, c)]), ['TOTAL', '', '', '', st.bold(money(report.totalCost, c))]],
      st,
    ),
  );
  const perTenant = report.subTenants.map((s) => ({ label: s.path, value: s.cost }));
  if (perTenant.length > 0) {
    lines.push('', table(['TENANT', 'COST'], [...perTenant.map((r) => [r.label, money(r.value, c)]), ['TOTAL', st.bold(money(report.totalCost, c))]], st));
    // The chart is for people: only when a terminal shows it.
    if (process.stdout.isTTY)
      lines.push(
        '',
        st.bold('Cost per tenant'),
        barChart(
          [...perTenant].sort((a, b) => b.value - a.value),
          c,
        ),
      );
  }
  return lines.join('\n');
}
