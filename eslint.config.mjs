// ESLint (typescript-eslint's recommended rules) on every `npm test`: the mistakes a compiler lets through.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'console/src/gql/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // An unused name is a leftover; a leading underscore says "unused on purpose" (a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read GraphQL answers whose shape the assertions check.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain CommonJS run by node -r (the test children's TypeScript loader).
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
