/**
 * API failures as Terraform diagnostics: what happened, what to do, and the service's own
 * words. Field errors land on the attribute they name.
 */
import { AttributeDef, snakeCase } from '../../model/schema';
import { ApiError, ConnectionError } from '../../client/errors';
import { Diagnostics } from '../framework/diagnostics';
import { tfPathOf } from './state';

/** Attributes a count quota (VMs, clusters, sub-tenants) points at: the whole resource is to blame, not the attribute. */
export const IDENTITY_ATTRIBUTES: ReadonlySet<string> = new Set(['name', 'parent_id', 'tenant_id']);

export function reportApiError(diags: Diagnostics, err: unknown, action: string, attributes: Readonly<Record<string, AttributeDef>>): void {
  if (err instanceof ConnectionError && (err.cause.code === 'ETIMEDOUT' || err.cause.code === 'ESOCKETTIMEDOUT')) {
    diags.error(
      'Hikube Service Not Answering',
      `Could not ${action}: the service at ${err.endpoint} accepted the connection but did not answer: the provider waited ` +
        `${seconds((err.cause as { timeoutMs?: number }).timeoutMs)} for this request, and longer overall where it retried within the resource's timeouts.` +
        '\n\nThe service may be overloaded or stuck: check its health (GET /healthz) and logs. If it is only slow, raise the ' +
        "provider's `request_timeout` (or HIKUBE_REQUEST_TIMEOUT); long operations are bounded by the resource's `timeouts` instead.",
    );
    return;
  }
  if (err instanceof ConnectionError) {
    diags.error(
      'Cannot Reach the Hikube Service',
      `Could not ${action}: ${err.message}.\n\n` + "Check that the service is running and that the provider's `endpoint` (or HIKUBE_ENDPOINT) points at it.",
    );
    return;
  }
  if (!(err instanceof ApiError)) throw err;
  const p = err.problem;
  const said = `${p.title}${p.detail ? `: ${p.detail}` : ''}`;
  switch (err.status) {
    case 401:
      diags.error(
        'Hikube Service Rejected the API Token',
        `Could not ${action}: the service at ${new URL(err.url).origin} answered 401 (${said}).\n\n` +
          "Set a valid token in the provider's `token` argument or the HIKUBE_TOKEN environment variable. " +
          'On first start the service writes an admin token to its credentials file (.hikube/credentials.json).',
      );
      return;
    case 403:
      diags.error('Permission Denied', `Could not ${action}: ${said}.\n\nAsk an admin of the tenant for a role that allows it.`);
      return;
  }
  const guardrail = p.type.endsWith('/quota-exceeded') ? 'Quota Exceeded' : p.type.endsWith('/policy-violation') ? 'Security Policy Violation' : undefined;
  if (guardrail && p.errors && p.errors.length > 0) {
    for (const fe of p.errors as ((typeof p.errors)[number] & { policy?: string; setBy?: string })[]) {
      const path = tfPathOf(attributes, fe.path);
      const quota = guardrail === 'Quota Exceeded';
      const rule = quota ? fe.policy : `security_policy.${snakeCase(fe.policy ?? '')}`;
      diags.error(
        guardrail,
        `Could not ${action}: ${fe.reason}.\n\n${quota ? 'The quota' : 'The policy'} ${rule ?? ''} is set by tenant ${fe.setBy ?? 'an ancestor'}: ` +
          `change the configuration to fit it, or ask a super-admin of its parent to change it.`,
        path.length === 0 || (quota && IDENTITY_ATTRIBUTES.has(String(path[0]))) ? undefined : path,
      );
    }
    return;
  }
  if (p.errors && p.errors.length > 0) {
    for (const fe of p.errors) {
      const path = tfPathOf(attributes, fe.path);
      const where = path.length > 0 && typeof path[0] === 'string' ? path[0] : fe.field;
      // The field in Terraform's words (system_disk.size_gb) when every part of it maps, else as the service said it.
      const field = path.length === fe.path.length ? pathText(path) : fe.field;
      diags.error(`Invalid ${titleOf(where)}`, `Could not ${action}: ${field}: ${fe.reason}.`, path.length ? path : undefined);
    }
    return;
  }
  diags.error(`Unable to ${capitalize(action)}`, `The Hikube service answered ${err.status}: ${said}.`);
}

/** `node_groups["workers"].max_replicas`, as Terraform prints attribute paths. */
function pathText(path: ReturnType<typeof tfPathOf>): string {
  return path.map((seg, i) => (typeof seg === 'string' ? `${i === 0 ? '' : '.'}${seg}` : 'key' in seg ? `[${JSON.stringify(seg.key)}]` : `[${seg.index}]`)).join('');
}

function titleOf(name: string): string {
  return name.split(/[_.]/).map(capitalize).join(' ');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? 'its request timeout' : `${Math.round(ms / 100) / 10} s`;
}
