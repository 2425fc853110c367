/**
 * `npm test` runs everything; the tiers (`test:unit`, `test:service`, `test:e2e`) must together
 * cover every test area exactly once, so that no area silently drops out of a tier.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../cli/paths';

const ROOT = packageRoot();

test('every test area belongs to exactly one tier', () => {
  const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  const tiers = Object.entries(scripts).filter(([name]) => name.startsWith('test:'));
  expect(tiers.map(([name]) => name).sort()).toEqual(['test:e2e', 'test:service', 'test:unit']);
  const claimed = tiers.flatMap(([, command]) => [...command.matchAll(/\btest\/([a-z0-9-]+)/g)].map((m) => m[1]));
  const hasTests = (dir: string): boolean => fs.readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? hasTests(path.join(dir, e.name)) : e.name.endsWith('.test.ts')));
  const areas = fs
    .readdirSync(path.join(ROOT, 'test'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && hasTests(path.join(ROOT, 'test', e.name)))
    .map((e) => e.name);
  expect([...claimed].sort()).toEqual([...areas].sort());
});

test('no test is skipped, focused or left as a todo', () => {
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : files(path.join(dir, e.name))) : /\.[cm]?[jt]s$/.test(e.name) ? [path.join(dir, e.name)] : []));
  // Built from parts so this file does not match itself.
  const banned = new RegExp(['\\b(describe|test|it)\\.(skip|only|todo)\\b', '\\bx(describe|test|it)\\(', '\\bf(describe|it)\\('].join('|'));
  const found = files(path.join(ROOT, 'test')).flatMap((f) =>
    fs
      .readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((line, i) => (banned.test(line) ? [`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`] : [])),
  );
  expect(found).toEqual([]);
});
