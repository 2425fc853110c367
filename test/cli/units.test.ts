/** The CLI's pure pieces, each with a table of cases. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError, ConnectionError } from '../../client/errors';
import { mergeKubeconfig } from '../../cli/commands/clusters';
import { barChart } from '../../cli/commands/usage';
import { configPath, resolveConnection, writeConfig } from '../../cli/config';
import { describeError, EXIT } from '../../cli/errors';
import { ageOf, KINDS } from '../../cli/kinds';
import { applySet, flagHelp, specFlags } from '../../cli/spec-flags';
import { resourceModels } from '../../model/index';
import { KIND_LIST } from '../../model/kinds';
import { buildProgram } from '../../cli/program';
import { splitRef } from '../../cli/session';
import { createExampleOf } from '../../cli/spec-flags';
import { treeItems } from '../../cli/tree';
import { tempDir } from '../e2e/harness';

describe('--set', () => {
  test.each([
    ['nodeGroups.workers.minReplicas=3', {}, { nodeGroups: { workers: { minReplicas: 3 } } }],
    ['labels={"a":"b"}', { labels: { x: 'y' } }, { labels: { a: 'b' } }],
    ['dataDisks.0.sizeGb=50', { dataDisks: [{ name: 'd', sizeGb: 10 }] }, { dataDisks: [{ name: 'd', sizeGb: 50 }] }],
    ['description=two words', {}, { description: 'two words' }],
    ['description=', {}, { description: '' }],
    ['externalAccess=null', { externalAccess: { ports: [22] } }, { externalAccess: null }],
    ['a.b=c=d', {}, { a: { b: 'c=d' } }],
  ])('%s', (assignment, before, after) => {
    const target = structuredClone(before) as Record<string, unknown>;
    applySet(target, assignment);
    expect(target).toEqual(after);
  });

  test.each(['noequals', '=value', '__proto__.polluted=1', 'a..b=1'])('refuses %s as a usage error', (assignment) => {
    expect(() => applySet({}, assignment)).toThrow(expect.objectContaining({ code: EXIT.usage }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('kinds and flags come from the model', () => {
  test('one command group per resource model, named after its collection', () => {
    expect(KINDS.map((k) => k.command)).toEqual(resourceModels.map((m) => m.collection.split('/').pop()));
  });

  test('create flags: scalar attributes a user sets; update flags: those changed in place', () => {
    const vms = KINDS.find((k) => k.command === 'vms')!;
    expect(specFlags(vms, 'create').map((f) => f.flag)).toEqual(expect.arrayContaining(['--instance-type', '--run-strategy', '--ssh-keys', '--cloud-init']));
    expect(specFlags(vms, 'create').map((f) => f.flag)).not.toContain('--tenant-id');
    expect(flagHelp(specFlags(vms, 'create').find((f) => f.flag === '--cloud-init')!.def)).toBe('cloud-init user data (#cloud-config YAML)');
    const tokens = KINDS.find((k) => k.command === 'tokens')!;
    expect(specFlags(tokens, 'update')).toEqual([]);
  });
});

describe('every described kind, sub-resources included, comes from its descriptor', () => {
  type Command = ReturnType<typeof buildProgram>;
  const program = buildProgram('0.0.0');
  const group = (command: string) => program.commands.find((g) => g.name() === command)!;
  const verb = (g: Command, name: string) => g.commands.find((v) => v.name() === name)!;
  const flags = (cmd: Command) => cmd.options.map((o) => o.long);
  const help = (cmd: Command) => {
    let text = '';
    cmd.configureOutput({ writeOut: (s) => (text += s) });
    cmd.outputHelp();
    return text;
  };
  const subResources = KIND_LIST.filter((k) => k.parent);

  test('aliases are the kind names (postgres has none: its name is its group), and none is taken twice', () => {
    expect(Object.fromEntries(KINDS.map((k) => [k.command, k.alias]))).toMatchObject({
      tenants: 'tenant',
      members: 'member',
      tokens: 'token',
      clusters: 'cluster',
      vms: 'vm',
      'monitoring-stacks': 'monitoring',
      postgres: undefined,
      'postgres-databases': 'postgres-database',
    });
    for (const d of KIND_LIST) expect([group(d.model.collection.split('/').pop()!).name(), ...group(d.model.collection.split('/').pop()!).aliases()]).toContain(d.name);
    const names = program.commands.flatMap((g) => [g.name(), ...g.aliases()]);
    expect(new Set(names).size).toBe(names.length);
  });

  test('the registry has sub-resources, and each group creates under its parent (flag named after it) without --tenant', () => {
    expect(subResources.length).toBeGreaterThan(0);
    for (const d of subResources) {
      const kind = KINDS.find((k) => k.descriptor === d)!;
      const g = group(kind.command);
      const create = verb(g, 'create');
      expect({ kind: d.name, flags: flags(create) }).toEqual({ kind: d.name, flags: expect.arrayContaining([`--${d.parent!.kind}`]) });
      expect({ kind: d.name, flags: flags(create) }).not.toEqual({ kind: d.name, flags: expect.arrayContaining(['--tenant']) });
      for (const v of ['get', 'update', 'delete']) expect(flags(verb(g, v))).toContain('--tenant'); // PARENT/NAME --tenant PATH
      expect(flags(verb(g, 'list'))).toEqual(expect.arrayContaining(['--tenant', `--${d.parent!.kind}`]));
      // Examples come from the descriptor's import example: the object, its parent by path.
      const path = d.docs.imported.path;
      expect(help(create)).toContain(`hikube ${kind.command} create ${path.split('/').pop()} --${d.parent!.kind} ${path.split('/').slice(0, -1).join('/')}`);
      expect(help(verb(g, 'get'))).toContain(`hikube ${kind.command} get ${path}`);
      expect(help(verb(g, 'get'))).toContain(`--tenant ${path.split('/').slice(0, -2).join('/')}`);
      // The reference -o name prints is the import path, and it reads back as the tenant and the qualified name.
      const [tenantPath, parentName, own] = [path.split('/').slice(0, -2).join('/'), ...path.split('/').slice(-2)];
      const ctx = { tenantPaths: new Map([['tnt-x', tenantPath]]), parentNames: new Map([['pa-x', parentName]]) };
      expect(kind.refOf({ id: 'x', tenantId: 'tnt-x', name: own, [d.parent!.field]: 'pa-x' }, ctx)).toBe(path);
      expect(splitRef(kind, path)).toEqual({ tenantPath, name: `${parentName}/${own}` });
      expect(splitRef(kind, `${parentName}/${own}`, tenantPath)).toEqual({ tenantPath, name: `${parentName}/${own}` });
      expect(() => splitRef(kind, own, tenantPath)).toThrow(expect.objectContaining({ code: EXIT.usage }));
      expect(() => splitRef(kind, `${parentName}/${own}`)).toThrow(expect.objectContaining({ code: EXIT.usage }));
    }
  });

  test("every described kind: --tenant on create exactly when the tenant is the user's to set; examples use only flags that exist", () => {
    for (const d of KIND_LIST) {
      const kind = KINDS.find((k) => k.descriptor === d)!;
      const create = verb(group(kind.command), 'create');
      expect({ kind: d.name, tenant: flags(create).includes('--tenant') }).toEqual({ kind: d.name, tenant: !d.parent });
      for (const flag of createExampleOf(kind).match(/ --[a-z-]+/g) ?? []) expect({ kind: d.name, flag, known: flags(create).includes(flag.trim()) }).toEqual({ kind: d.name, flag, known: true });
    }
  });
});

describe('kubeconfig merge', () => {
  const entry = (name: string, extra = {}) => ({ name, ...extra });
  test('adds new entries, replaces same-named ones, keeps the rest, sets the current context', () => {
    const base = { apiVersion: 'v1', kind: 'Config', clusters: [entry('a'), entry('web', { old: true })], users: [entry('u')], contexts: [entry('a')], 'current-context': 'a', preferences: {} };
    const incoming = { clusters: [entry('web')], users: [entry('web-admin')], contexts: [entry('web')], 'current-context': 'web' };
    expect(mergeKubeconfig(base, incoming)).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [entry('a'), entry('web')],
      users: [entry('u'), entry('web-admin')],
      contexts: [entry('a'), entry('web')],
      'current-context': 'web',
      preferences: {},
    });
  });
  test('into an empty file', () => {
    expect(mergeKubeconfig({}, { clusters: [entry('c')], 'current-context': 'c' })).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [entry('c')],
      users: [],
      contexts: [],
      'current-context': 'c',
    });
  });
});

describe('connection: flags, then env, then context, then the local credentials file', () => {
  const home = tempDir('cli-units');
  const config = path.join(home, 'config.json');
  writeConfig({ currentContext: 'a', contexts: { a: { endpoint: 'http://a:1', token: 'ta' }, b: { endpoint: 'http://b:2', token: 'tb' } } }, config);
  const env = { HIKUBE_CONFIG: config };
  test.each([
    ['current context', {}, {}, { endpoint: 'http://a:1', token: 'ta', source: 'context a' }],
    ['--context', { context: 'b' }, {}, { endpoint: 'http://b:2', token: 'tb', source: 'context b' }],
    ['HIKUBE_CONTEXT', {}, { HIKUBE_CONTEXT: 'b' }, { endpoint: 'http://b:2', token: 'tb', source: 'context b' }],
    ['env over context', {}, { HIKUBE_ENDPOINT: 'http://e:3', HIKUBE_TOKEN: 'te' }, { endpoint: 'http://e:3', token: 'te', source: 'HIKUBE_ENDPOINT' }],
    ['flags over env', { endpoint: 'http://f:4', token: 'tf' }, { HIKUBE_ENDPOINT: 'http://e:3', HIKUBE_TOKEN: 'te' }, { endpoint: 'http://f:4', token: 'tf', source: '--endpoint' }],
    ['env endpoint, context token', {}, { HIKUBE_ENDPOINT: 'http://e:3' }, { endpoint: 'http://e:3', token: 'ta', source: 'HIKUBE_ENDPOINT' }],
  ])('%s', (_name, flags, extraEnv, expected) => {
    expect(resolveConnection(flags, { ...env, ...extraEnv })).toEqual(expected);
  });
  test('an unknown --context is a usage error naming the known ones', () => {
    expect(() => resolveConnection({ context: 'zz' }, env)).toThrow(/no context named "zz" \(fix: use one of a, b\)/);
  });
  test('XDG_CONFIG_HOME, then ~/.config', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x' })).toBe('/x/hikube/config.json');
    expect(configPath({ XDG_CONFIG_HOME: 'relative' })).toMatch(/\.config\/hikube\/config\.json$/);
    expect(fs.statSync(config).mode & 0o777).toBe(0o600);
  });
});

describe('errors', () => {
  const problem = (status: number, extra = {}) => new ApiError(status, { type: 'x', title: 'Some Title', status, ...extra }, 'GET', 'http://h/v1/x');
  test.each([
    [404, EXIT.notFound],
    [400, EXIT.refused],
    [401, EXIT.refused],
    [403, EXIT.refused],
    [409, EXIT.refused],
    [422, EXIT.refused],
    [500, EXIT.failure],
    [503, EXIT.failure],
  ])('status %d exits %d', (status, code) => {
    expect(describeError(problem(status)).code).toBe(code);
  });
  test('field errors name the flag, the API field and the reason', () => {
    const err = problem(400, {
      errors: [
        { field: 'instanceType', path: ['instanceType'], reason: 'not allowed' },
        { field: 'nodeGroups.a.minReplicas', path: [], reason: 'too big' },
      ],
    });
    expect(describeError(err, (f) => (f === 'instanceType' ? '--instance-type' : undefined)).line).toBe('some title: --instance-type (instanceType): not allowed; nodeGroups.a.minReplicas: too big');
  });
  test('an unreachable service says how to start one', () => {
    const { line, code } = describeError(new ConnectionError('http://h:1', Object.assign(new Error('x'), { code: 'ECONNREFUSED' })));
    expect(code).toBe(EXIT.failure);
    expect(line).toMatch(/^cannot reach the Hikube service at http:\/\/h:1: connection refused .*\(fix: start it with `hikube service start`/);
  });
});

test.each([
  [5_000, '5s'],
  [125_000, '2m'],
  [3 * 3_600_000, '3h'],
  [3 * 86_400_000, '3d'],
])('age of something %d ms old is %s', (ms, text) => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  expect(ageOf(new Date(now - ms).toISOString(), now)).toBe(text);
});

test('bar chart: the largest value gets the full width, others in proportion, a sliver for tiny ones', () => {
  expect(
    barChart(
      [
        { label: 'a', value: 100 },
        { label: 'bb', value: 50 },
        { label: 'c', value: 0.1 },
        { label: 'd', value: 0 },
      ],
      'EUR',
    ).split('\n'),
  ).toEqual([`a   ${'█'.repeat(30)} €100.00`, `bb  ${'█'.repeat(15)} €50.00`, 'c   ▏ €0.10', 'd    €0.00']);
});

test('the list of top-level commands that start-up checks names every command the tree has', () => {
  const { buildProgram, TOP_LEVEL } = require('../../cli/program') as typeof import('../../cli/program');
  const names = buildProgram('0.0.0').commands.map((c) => c.name());
  expect(names.sort()).toEqual([...TOP_LEVEL, ...KINDS.map((k) => k.command)].sort());
  // Naming one command builds only that one, with its verbs.
  const only = buildProgram('0.0.0', ['vms', 'list']);
  expect(only.commands.map((c) => c.name())).toEqual(['vms']);
  expect(only.commands[0].commands.map((c) => c.name())).toEqual(['list']);
  // An unknown word builds every group, so suggestions can name them.
  expect(
    buildProgram('0.0.0', ['vmz'])
      .commands.map((c) => c.name())
      .sort(),
  ).toEqual(names);
});

describe('tenants tree: managed data services', () => {
  const base = { tenantId: 'tnt-aaaaaaaaaaaaaaaa', status: 'ready', monthlyCostEstimate: 12.5, version: 'v8', replicas: 2, preset: 'small', sizeGb: 1 };

  test('a data service reads as its version, instances, preset and volume; a sharded MongoDB as its shards; a child with its parent', () => {
    const lines = treeItems({
      redis: [{ ...base, name: 'cache' }],
      mongodb: [{ ...base, name: 'events', sharding: { shards: { rs1: {}, rs2: {} } } }],
      rabbitmq: [{ ...base, id: 'rmq-aaaaaaaaaaaaaaaa', name: 'jobs', version: 'v4.1' }],
      'rabbitmq-vhost': [{ ...base, name: 'billing', rabbitmqId: 'rmq-aaaaaaaaaaaaaaaa' }],
    }).map((i) => i.label);
    // A sub-resource reads with its parent's name, found among the listed objects.
    expect(lines).toEqual([
      'redis cache: v8, 2 x small, 1 GiB each, ready',
      'mongodb events: v8, 2 shards, small, ready',
      'rabbitmq jobs: v4.1, 2 x small, 1 GiB each, ready',
      'rabbitmq-vhost jobs/billing: ready',
    ]);
  });
});
