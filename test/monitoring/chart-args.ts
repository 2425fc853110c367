/**
 * The container arguments the victoria-metrics-agent chart 0.46.0 renders from its values,
 * ported from the chart's templates (read, not run: helm is not installed here):
 * `vmagent.args` in charts/victoria-metrics-agent/templates/_helpers.tpl and `vm.args`,
 * `vm.arg`, `vm.args.positional` in charts/victoria-metrics-common (0.3.x).
 */

/** One `vm.arg`: `--key=value`, `--key` for true, `-k` for one-letter keys; maps and lists as quoted JSON. */
function arg(key: string, value: unknown, list: boolean): string {
  const dash = key.length === 1 ? '-' : '--';
  if (value === '' && !list) return key;
  if (String(value) === 'true') return `${dash}${key}`;
  const text = value !== null && typeof value === 'object' ? `'${JSON.stringify(value)}'` : String(value);
  return `${dash}${key}=${text}`;
}

/** `vm.args`: keys in sorted order (Go templates range over sorted map keys), lists repeated. */
function render(args: Record<string, unknown>): string[] {
  return Object.keys(args)
    .sort()
    .flatMap((key) => {
      const v = args[key];
      return Array.isArray(v) ? v.map((x) => arg(key, x, true)) : [arg(key, v, false)];
    });
}

export function vmagentArgs(values: { remoteWrite: Record<string, unknown>[]; extraArgs?: Record<string, unknown> }): string[] {
  if (!values.remoteWrite?.length) throw new Error('Please define at least one remoteWrite');
  const args: Record<string, unknown> = { 'promscrape.config': '/config/scrape/scrape.yml', 'remoteWrite.tmpDataPath': '/tmpData' };
  // `vm.args.positional`: one list per key, one entry per remoteWrite item.
  values.remoteWrite.forEach((rw, i) => {
    if (!rw.url) throw new Error(`\`url\` is not set for \`remoteWrite\` idx ${i}`);
    for (const [k, v] of Object.entries(rw)) {
      const key = `remoteWrite.${k}`;
      // Lists and maps become files the chart writes into a ConfigMap.
      const value = v !== null && typeof v === 'object' ? `/config/rw/${i}-${k}.yaml` : v;
      const list = (args[key] as unknown[] | undefined) ?? [];
      while (list.length < i) list.push('');
      list.push(value);
      args[key] = list;
    }
  });
  return render({ ...args, ...(values.extraArgs ?? {}) });
}
