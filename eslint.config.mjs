// @ts-check
// ESLint: bug-finding rules only (formatting is Prettier's). `npm run lint:code` runs this and the layering check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Generated bindings are checked by their own staleness test; fix the generator (scripts/gen.ts), not them.
  { ignores: ['**/node_modules/', 'dist/', '**/lib/', 'provider/release/', '**/cdktf.out/', 'coverage/', 'constructs/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // One program for every file (tsconfig.test.json covers sources and tests): the cheapest type-aware setup.
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Added to the recommended set because each catches a real bug class.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }], // a new kind or type the switch forgot
      '@typescript-eslint/return-await': ['error', 'in-try-catch'], // `return p` inside try skips the catch
      eqeqeq: ['error', 'smart'],

      // Turned off: they flag the codebase's deliberate style, not bugs.
      '@typescript-eslint/no-explicit-any': 'off', // untyped JSON at the edges (Terraform state, API bodies, test fixtures) is `any` on purpose
      '@typescript-eslint/no-unsafe-argument': 'off', // same: ~1,100 reports at those edges, none a bug; casts would only add noise
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-require-imports': 'off', // lazy require() keeps the provider's and CLI's start-up path light
      '@typescript-eslint/require-await': 'off', // async handlers implement promise-returning interfaces (gRPC, commander) without awaiting
      '@typescript-eslint/no-unnecessary-type-assertion': 'off', // harmless; removing 58 of them is churn, not a fix
      '@typescript-eslint/no-base-to-string': 'off', // String(x) on unknown JSON values (ids, names) is the deliberate coercion it flags
      '@typescript-eslint/restrict-template-expressions': 'off', // same coercion, inside template literals
      '@typescript-eslint/restrict-plus-operands': ['error', { skipCompoundAssignments: true }], // `text += chunk` (a Buffer) is the Node idiom
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }], // `interface FooProps extends BarProps {}` names a construct's props
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }], // `_args` keeps a handler's signature readable
      'no-control-regex': 'off', // the terminal tests match ANSI escape sequences on purpose
    },
  },
  {
    // Outside tsconfig.test.json: plain JavaScript, and the fixture app (compiled in its own install).
    files: ['**/*.js', '**/*.cjs', '**/*.mjs', 'test/user-paths/fixture-app/**'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain CommonJS scripts run by Node and Jest.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', process: 'readonly', Buffer: 'readonly', console: 'readonly' },
    },
  },
  {
    // Plain ES modules run by Node (e.g. a validator that ships as ESM only).
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
  },
);
