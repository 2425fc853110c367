/**
 * Runs the real terraform binary with a project-local CLI config and no checkpoint calls,
 * streaming or capturing its output.
 */
import { spawn } from 'node:child_process';

export interface TerraformRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TerraformOptions {
  readonly cwd: string;
  /** TF_CLI_CONFIG_FILE: our own, never ~/.terraformrc. */
  readonly cliConfigFile: string;
  readonly env?: Record<string, string | undefined>;
  /** Echo output as it comes (progress for long runs). */
  readonly stream?: boolean;
}

export function terraformEnv(options: TerraformOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: options.cliConfigFile,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    ...options.env,
  };
}

export function terraform(args: string[], options: TerraformOptions): Promise<TerraformRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', args, { cwd: options.cwd, env: terraformEnv(options), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
      if (options.stream) process.stdout.write(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
      if (options.stream) process.stderr.write(c);
    });
    child.on('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? new Error('terraform is not on PATH: install Terraform 1.11 (1.11.4 is the tested version)') : err));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
