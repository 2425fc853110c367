/**
 * Terraform SIGKILLed in the middle of an apply never sends Shutdown: the provider it started
 * must notice on its own, exit, and remove its socket, instead of lingering re-parented.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { terraformEnv } from '../../cli/terraform';
import { PROVIDER_BLOCK, tempDir, workspace } from '../e2e/harness';
import { startTestService, TestService } from '../service/helpers';
import { waitUntil } from '../support/wait';

jest.setTimeout(120_000);

/** Processes whose parent is `ppid`, with their command lines. */
function childrenOf(ppid: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === ppid) out.push({ pid: Number(entry), cmd: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); // a zombie has exited
  } catch {
    return false;
  }
}

describe('the provider when Terraform is SIGKILLed', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService({ simDelays: 'vm.create=60s' });
  });

  afterAll(async () => {
    await t?.stop();
  });

  test('exits within seconds and removes its socket', async () => {
    const ws = workspace({ url: t.url, token: t.token }, 'orphan');
    ws.write(`${PROVIDER_BLOCK}
resource "hikube_tenant" "t" {
  name = "orphan"
}
resource "hikube_virtual_machine" "slow" {
  tenant_id     = hikube_tenant.t.id
  name          = "slow"
  instance_type = "s1.small"
}
`);
    await ws.ok('init', '-input=false');
    const socketDir = tempDir('sockets');
    const tf = spawn('terraform', ['apply', '-auto-approve', '-input=false'], {
      cwd: ws.dir,
      env: terraformEnv({ cwd: ws.dir, cliConfigFile: ws.provider.cliConfigFile, env: { HIKUBE_ENDPOINT: t.url, HIKUBE_TOKEN: t.token, PLUGIN_UNIX_SOCKET_DIR: socketDir } }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    tf.stdout!.on('data', (c: Buffer) => (output += c));
    const exited = new Promise((resolve) => tf.on('exit', resolve));
    try {
      // Terraform is waiting for the VM: the provider serving the apply is alive, its socket open.
      await waitUntil('terraform to be creating the VM', () => output.includes('hikube_virtual_machine.slow: Creating...'), { timeoutMs: 60_000, intervalMs: 100, detail: () => output });
      // Terraform's only child processes are the providers it started (ours runs under node).
      const provider = await waitUntil('the provider process', () => childrenOf(tf.pid!).find((c) => /node|provider/.test(c.cmd)), { timeoutMs: 10_000, intervalMs: 100 });
      expect(fs.readdirSync(socketDir)).toHaveLength(1);

      tf.kill('SIGKILL');
      await exited;
      await waitUntil(`provider ${provider.pid} to exit`, () => !alive(provider.pid), { timeoutMs: 10_000, intervalMs: 100 });
      expect(fs.readdirSync(socketDir)).toEqual([]);
    } finally {
      if (tf.exitCode === null && tf.signalCode === null) tf.kill('SIGKILL');
    }
    // The VM keeps being created: the operation lives in the service, not in the provider.
    const vms = await t.client.listResources<{ name: string; status: string }>('/v1/vms');
    expect(vms.items.map((v) => v.name)).toEqual(['slow']);
    fs.rmSync(path.join(ws.dir, '.terraform.tfstate.lock.info'), { force: true });
  });
});
