import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const TEST_FILES = ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.test-factory.ts', 'apps/platform-e2e/**/*.ts'];

/**
 * Two kinds of rule, both enforced by the lint:
 * - scope: apps never import apps; a lib never imports an app; only test files may use the test harness.
 * - layer: contracts are the leaf (they import nothing of ours); util libs (config, logging, money)
 *   import only each other; transport (rpc) and data (persistence, query) build on those two and never
 *   on each other; the gateway, which owns no database, cannot import the data layer.
 */
const boundaries = (extra) => [
  'error',
  {
    allow: [],
    depConstraints: [
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['scope:shared', ...extra] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared', ...extra] },
      { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
      { sourceTag: 'layer:contracts', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'layer:util', onlyDependOnLibsWithTags: ['layer:util'] },
      { sourceTag: 'layer:transport', onlyDependOnLibsWithTags: ['layer:contracts', 'layer:util', ...extra] },
      { sourceTag: 'layer:data', onlyDependOnLibsWithTags: ['layer:contracts', 'layer:util', 'layer:data', ...extra] },
      { sourceTag: 'scope:gateway', notDependOnLibsWithTags: ['layer:data'] },
    ],
  },
];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '.tools/**', 'data/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(['scope:testing']),
      // Tests read loosely typed JSON bodies on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
];
