/** Helpers shared by the construct tests. */
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Tenant, ValidationError } from '../../constructs/index';

export function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

/** A stack with one tenant, the usual GIVEN. */
export function stackWithTenant(): { stack: TerraformStack; tenant: Tenant } {
  const stack = newStack();
  return { stack, tenant: new Tenant(stack, 'Production') };
}

/** The synthesized blocks of one resource type, by logical id. */
export function blocks(stack: TerraformStack, type: string): Record<string, any> {
  return JSON.parse(Testing.synth(stack)).resource[type];
}

/** The only block of a resource type. */
export function onlyBlock(stack: TerraformStack, type: string): any {
  const all = Object.values(blocks(stack, type));
  expect(all).toHaveLength(1);
  return all[0];
}

/** What a token becomes in Terraform JSON, read back through an output. */
export function resolve(stack: TerraformStack, value: unknown): unknown {
  const id = `resolve${stack.node.children.length}`;
  new TerraformOutput(stack, id, { value });
  return JSON.parse(Testing.synth(stack)).output[id].value;
}

/** Runs `fn` and returns the ValidationError it throws. */
export function validationError(fn: () => void): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}
