/**
 * Which Terraform command launched us. The plugin protocol does not say whether a plan is part
 * of a destroy: `terraform destroy` first runs a normal plan to refresh the state, and that
 * plan calls PlanResourceChange for every configured instance, including ones that were never
 * created. Judging those against quotas and policies would make a destroy fail for objects it
 * is not going to touch (issue 9, item 3), so the provider reads its parent's command line
 * (Linux: /proc/<ppid>/cmdline; elsewhere unknown, and plans are judged as always).
 */
import { readFileSync } from 'node:fs';

/** True when the arguments (after the binary) and TF_CLI_ARGS* describe a destroy. */
export function isDestroyCommand(args: readonly string[], env: Readonly<Record<string, string | undefined>>): boolean {
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub === 'destroy') return true;
  if (sub !== 'plan' && sub !== 'apply') return false;
  const extra = [env.TF_CLI_ARGS, env[`TF_CLI_ARGS_${sub}`]].filter(Boolean).join(' ').split(/\s+/);
  return [...args, ...extra].some((a) => a === '-destroy' || a === '--destroy' || a === '-destroy=true');
}

let cached: boolean | undefined;

/** Whether the terraform process that started this provider is destroying (read once). */
export function terraformIsDestroying(): boolean {
  if (cached === undefined) {
    try {
      const argv = readFileSync(`/proc/${process.ppid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      cached = isDestroyCommand(argv.slice(1), process.env);
    } catch {
      cached = false;
    }
  }
  return cached;
}
