// A CDKTF app of a team outside the Hikube repository: it installs @hikube/constructs from npm
// next to its own cdktf and constructs, and has an Aspect of its own.
import { App, Aspects, IAspect, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { HikubeProvider, Tenant } from '@hikube/constructs';

/** An app-wide rule, as teams write them: every tenant is labelled with its owner. */
export class OwnerLabels implements IAspect {
  public readonly seen: string[] = [];
  public visit(node: IConstruct): void {
    if (node instanceof TerraformResource && node.terraformResourceType === 'hikube_tenant') {
      this.seen.push(node.node.path);
      node.addOverride('labels.owner', 'platform-team');
    }
  }
}

export class AppStack extends TerraformStack {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    new HikubeProvider(this, 'Hikube');
    const team = new Tenant(this, 'Team', { name: 'user-app', description: 'Made by an app outside the repository', labels: { env: 'test' } });
    const web = team.addSubTenant('Web');
    new TerraformOutput(this, 'team-path', { value: team.tenantPath });
    new TerraformOutput(this, 'web-namespace', { value: web.namespace });
  }
}

export function build(app: App): { stack: AppStack; aspect: OwnerLabels } {
  const stack = new AppStack(app, 'app');
  const aspect = new OwnerLabels();
  Aspects.of(stack).add(aspect);
  return { stack, aspect };
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
