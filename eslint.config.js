import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'drizzle/', 'data/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
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
    // The SPA must not reach into the server: it sees the API through shared/ types only.
    files: ['client/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], message: 'Import API types from shared/api instead.' },
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
