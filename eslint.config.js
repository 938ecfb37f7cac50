// ESLint: code rules with typescript-eslint, plus the layer boundaries of ARCHITECTURE.md.
// Rules are errors or off, never warnings.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Forbids imports matching `patterns` in files under `files`, naming the rule broken. */
function boundary(files, patterns, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
    },
  }
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'bench/results/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.cjs', 'bin/*.js', 'scripts/*.mjs', 'bench/*.mjs'],
        },
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      // Fastify plugins and route registrations are async by convention, awaited or not.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', module: 'writable' },
    },
  },
  {
    // Progressive-enhancement scripts, served as they are to the browser: no types, browser globals.
    files: ['assets/*.js'],
    languageOptions: {
      parserOptions: { projectService: false, project: false },
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        FormData: 'readonly',
        URLSearchParams: 'readonly',
        DOMParser: 'readonly',
        Event: 'readonly',
        HTMLFormElement: 'readonly',
        HTMLInputElement: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    files: ['test/**', 'src/**/*.test.ts'],
    rules: {
      // node:test's describe/test return promises the runner awaits itself.
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  boundary(
    ['src/domain/**', 'src/text/**'],
    [
      'fastify',
      'fastify-*',
      '@fastify/*',
      'kysely',
      'better-sqlite3',
      'pg',
      'preact',
      'preact/*',
      'preact-render-to-string',
      'sharp',
      'exifr',
      '@aws-sdk/*',
      '**/web/**',
      '**/storage/**',
      '**/cli/**',
      '**/config.js',
      '**/context.js',
    ],
    'domain/ and text/ are pure: no frameworks, no storage, no web, no config (ARCHITECTURE.md, "Invariants").',
  ),
  boundary(
    ['src/text/**'],
    ['**/domain/**'],
    'text/ sits below domain/: domain may use text, never the reverse.',
  ),
  boundary(
    ['src/storage/**'],
    [
      'fastify',
      '@fastify/*',
      'preact',
      'preact/*',
      'sharp',
      'exifr',
      '**/web/**',
      '**/cli/**',
      '**/context.js',
    ],
    'storage/ implements domain interfaces; it never sees the web, the CLI or image processing.',
  ),
  boundary(
    ['src/web/**'],
    [
      'kysely',
      'better-sqlite3',
      'pg',
      'sharp',
      'exifr',
      '@aws-sdk/*',
      '**/storage/**',
      '**/cli/**',
      '**/context.js',
      '**/main.js',
    ],
    'web/ reaches data and images only through domain services (ARCHITECTURE.md, "Invariants").',
  ),
  boundary(
    ['src/cli/**'],
    [
      '**/web/**',
      'kysely',
      'better-sqlite3',
      'pg',
      'sharp',
      'exifr',
      '@aws-sdk/*',
      '**/storage/*-store.js',
    ],
    'cli/ calls services through context.ts; it does not touch the web app or stores.',
  ),
  boundary(
    ['src/media/**'],
    [
      'fastify',
      '@fastify/*',
      'kysely',
      'better-sqlite3',
      'pg',
      'preact',
      'preact/*',
      '@aws-sdk/*',
      '**/web/**',
      '**/storage/**',
      '**/cli/**',
      '**/config.js',
      '**/context.js',
    ],
    'media/ decodes and encodes images for the domain: no web, storage, CLI or config (ARCHITECTURE.md).',
  ),
)
