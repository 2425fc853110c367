/**
 * The layering of the repository, checked by `npm run lint:layers` (dependency-cruiser); the
 * table in docs/architecture.md (Layers) shows it. Each layer may import itself and:
 *   model: nothing of ours | client, service, constructs: model | provider: model, client |
 *   cli: client, model, provider/packaging, provider/version.ts | scripts, bench, examples, test: anything
 *
 * Type-only imports count (tsPreCompilationDeps): a type cycle still ties two modules' designs
 * together, and a type import across a layer still couples the two packages.
 */
const OURS = ['model', 'client', 'service', 'provider', 'constructs', 'cli', 'scripts', 'bench', 'examples', 'test'];
/** A path pattern for our top-level folders other than the ones a layer may import. */
const othersThan = (...allowed) => `^(${OURS.filter((f) => !allowed.includes(f)).join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No module reaches itself through its imports, type-only ones included: break the cycle (a brand check, an interface in the lower module).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'model-imports-nothing-of-ours',
      comment: 'model/ is the one definition everything else derives from: it depends on nothing of ours.',
      severity: 'error',
      from: { path: '^model/' },
      to: { path: othersThan('model') },
    },
    {
      name: 'client-only-model',
      comment: 'client/ (the typed REST client) builds on the model only.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: othersThan('client', 'model') },
    },
    {
      name: 'service-only-model',
      comment: 'service/ ships on its own: the REST contract it shares with the client lives in model/, never in client/.',
      severity: 'error',
      from: { path: '^service/' },
      to: { path: othersThan('service', 'model') },
    },
    {
      name: 'provider-model-and-client',
      comment: 'provider/ talks to the service through client/ and derives its schema from model/.',
      severity: 'error',
      from: { path: '^provider/' },
      to: { path: othersThan('provider', 'model', 'client') },
    },
    {
      name: 'constructs-only-model',
      comment: 'constructs/ (@hikube/constructs) ships model/ inside it and nothing else of ours.',
      severity: 'error',
      from: { path: '^constructs/' },
      to: { path: othersThan('constructs', 'model') },
    },
    {
      name: 'cli-client-model-packaging',
      comment: 'cli/ uses the client, the model and the provider release (packaging, version); it never runs provider or service code in-process.',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: othersThan('cli', 'client', 'model', 'provider') },
    },
    {
      name: 'cli-provider-packaging-only',
      comment: 'Of the provider, the CLI needs only how the release is laid out and its version.',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: '^provider/', pathNot: '^provider/(packaging/|version\\.ts$)' },
    },
    {
      name: 'provider-framework-no-resource',
      comment: 'The provider framework never imports a resource: provider/resources/index.ts is the only list.',
      severity: 'error',
      from: { path: '^provider/framework/' },
      to: { path: '^provider/(resources|data-sources|ephemeral-resources)/' },
    },
    {
      name: 'generic-not-concrete-driver',
      comment: 'Only the composition roots (service/server.ts, service/main.ts) pick a driver; the rest of the service sees the Driver interface (service/drivers/driver.ts).',
      severity: 'error',
      from: { path: '^service/', pathNot: '^service/(drivers/|server\\.ts$|main\\.ts$)' },
      to: { path: '^service/drivers/', pathNot: '^service/drivers/driver\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|lib|cdktf\\.out)/|^provider/release/' },
    tsPreCompilationDeps: true,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
