import { isDestroyCommand } from '../../provider/framework/terraform-command';

describe('isDestroyCommand: is the terraform that launched us destroying?', () => {
  test.each([
    ['destroy', ['destroy', '-auto-approve'], {}, true],
    ['destroy after a global option', ['-chdir=infra', 'destroy'], {}, true],
    ['plan -destroy', ['plan', '-destroy', '-out=x'], {}, true],
    ['apply -destroy', ['apply', '-auto-approve', '-destroy'], {}, true],
    ['apply with -destroy from TF_CLI_ARGS_apply', ['apply'], { TF_CLI_ARGS_apply: '-destroy -auto-approve' }, true],
    ['plan', ['plan'], {}, false],
    ['apply', ['apply', '-auto-approve'], {}, false],
    ['apply of a saved plan', ['apply', 'destroy.tfplan'], {}, false],
    ['TF_CLI_ARGS_plan does not count for apply', ['apply'], { TF_CLI_ARGS_plan: '-destroy' }, false],
    ['validate', ['validate'], {}, false],
    ['nothing', [], {}, false],
  ])('%s', (_name, args, env, expected) => {
    expect(isDestroyCommand(args as string[], env as Record<string, string>)).toBe(expected);
  });
});
