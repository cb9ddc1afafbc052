import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * What each SPA feature exposes to the rest of the app: anything else in its
 * folder is its own business (docs/decisions/0009-import-boundaries.md).
 */
const FEATURE_API = {
  auth: ['auth-gate.tsx', 'account-menu.tsx'],
  households: ['home.tsx'],
  shopping: ['item-mutation-defaults.ts', 'item-stream.ts', 'list-tabs.tsx', 'quantity.ts', 'shopping-list-view.tsx', 'use-selected-list.ts'],
};

/** Every part of the SPA but `feature`'s own folder: the places that may use only what it exposes. */
const outside = (feature) =>
  readdirSync(`${import.meta.dirname}/client`, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'features'
      ? readdirSync(`${import.meta.dirname}/client/features`).filter((other) => other !== feature).map((other) => `./client/features/${other}`)
      : [`./client/${entry.name}`],
  );

const featureZones = Object.entries(FEATURE_API).map(([feature, exposed]) => ({
  target: outside(feature),
  from: `./client/features/${feature}`,
  except: exposed.map((file) => `./${file}`),
  message: `Outside features/${feature}, use only what it exposes (FEATURE_API in eslint.config.js).`,
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'drizzle/', 'data/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle reads the files an import leads to: they are TypeScript, resolved as tsc does.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${import.meta.dirname}/tsconfig.json` })],
    },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            { target: './client/lib', from: './client/features', message: 'lib/ is what features build on: move what it needs out of the feature.' },
            { target: './client/components', from: './client/features', message: 'components/ are shared by features and know none of them.' },
            { target: './server', from: './client', message: 'The server never depends on the SPA.' },
            ...featureZones,
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^(skip|todo|only)$/][callee.object.name=/^(it|test|describe)$/]", message: 'A skipped test is not a pass.' },
      ],
    },
  },
  {
    // Socket.IO is a benchmark baseline (bench/), never part of the product.
    files: ['server/**', 'shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['socket.io', 'socket.io-client'], message: 'HoneyDo uses tRPC over ws; Socket.IO is only a benchmark baseline.' }] }],
    },
  },
  {
    // Services refuse with a DomainError; only the edge speaks tRPC's codes (docs/decisions/0010-errors-at-the-edge.md).
    files: ['server/features/**', 'server/db/**', 'server/events/**', 'server/auth/membership.ts', 'server/limits.ts'],
    ignores: ['**/*-router.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@trpc/server', importNames: ['TRPCError'], message: 'Throw a DomainError: the edge maps it to the API code.' }] },
      ],
    },
  },
  {
    // What both sides import: the server's types (AppRouter) are fine, its code would end up in the SPA's bundle.
    files: ['shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], allowTypeImports: true, message: 'shared/ may import server code only as types (import type).' }] },
      ],
    },
  },
  {
    // The SPA must not reach into the server: it sees the API through shared/ types only.
    files: ['client/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // tRPC's own packages are fine: @trpc/client is built on @trpc/server/observable, which links use.
            { group: ['**/server/**', '!@trpc/server/observable'], message: 'Import API types from shared/api instead.' },
            { group: ['socket.io', 'socket.io-client'], message: 'HoneyDo uses tRPC over ws; Socket.IO is only a benchmark baseline.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
