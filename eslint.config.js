// ESLint: code rules with typescript-eslint, plus the layer boundaries of ARCHITECTURE.md.
// Rules are errors or off, never warnings.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// The layer boundaries of ARCHITECTURE.md ("Invariants"). Flat-config rule options
// do not merge: when two config objects set no-restricted-imports for the same
// file, the later one replaces the earlier. So each folder gets exactly one
// object, with every group of patterns it must refuse, and no file is matched
// by two of them (test/boundaries.test.ts probes each folder).
const FRAMEWORKS_AND_DRIVERS = [
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
]
const PURE = {
  group: [
    ...FRAMEWORKS_AND_DRIVERS,
    '**/web/**',
    '**/storage/**',
    '**/cli/**',
    '**/config.js',
    '**/context.js',
    '**/main.js',
  ],
  message:
    'domain/ and text/ are pure: no frameworks, no storage, no web, no config (ARCHITECTURE.md, "Invariants").',
}
const TEXT_BELOW_DOMAIN = {
  group: ['**/domain/**'],
  message: 'text/ sits below domain/: domain may use text, never the reverse.',
}
const STORAGE = {
  group: [
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
  message:
    'storage/ implements domain interfaces; it never sees the web, the CLI or image processing.',
}
const WEB = {
  group: [
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
  message:
    'web/ reaches data and images only through domain services (ARCHITECTURE.md, "Invariants").',
}
const AREAS_APART = (other) => ({
  group: [`**/${other}/**`],
  message:
    'web/public and web/admin never import each other: shared code goes in web/ui or web/plugins.',
})
const CLI = {
  group: [
    '**/web/**',
    'kysely',
    'better-sqlite3',
    'pg',
    'sharp',
    'exifr',
    '@aws-sdk/*',
    '**/storage/*-store.js',
  ],
  message: 'cli/ calls services through context.ts; it does not touch the web app or stores.',
}

const EDITOR = {
  group: [
    ...FRAMEWORKS_AND_DRIVERS,
    '**/web/**',
    '**/storage/**',
    '**/cli/**',
    '**/domain/**',
    '**/media/**',
    '**/config.js',
    '**/context.js',
    '**/main.js',
  ],
  message:
    'src/editor/ is browser code bundled into assets/editor.js: it may use text/ and ProseMirror, nothing of the server (ARCHITECTURE.md).',
}

const MEDIA = {
  group: [
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
  message:
    'media/ decodes and encodes images for the domain: no web, storage, CLI or config (ARCHITECTURE.md).',
}

/** One folder's boundary: every group of imports its files must not use. */
function boundary(files, groups, ignores = []) {
  return {
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { patterns: groups }] },
  }
}

export default tseslint.config(
  {
    // test/fixtures/*/seed-fixture.mjs run against the peer platforms, not in this project.
    ignores: [
      'dist/',
      'node_modules/',
      'data/',
      'bench/results/',
      '.tmp/',
      'assets/editor.js',
      'test/fixtures/**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.cjs', 'bin/*.js', 'scripts/*.mjs', 'bench/*.mjs'],
          // Those files are few and small; the default allows eight.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
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
        HTMLTextAreaElement: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    // The rich-text editor runs in the browser: its own tsconfig, with the DOM's types.
    files: ['src/editor/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './src/editor/tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
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
  boundary(['src/domain/**'], [PURE]),
  boundary(['src/text/**'], [PURE, TEXT_BELOW_DOMAIN]),
  boundary(['src/storage/**'], [STORAGE]),
  boundary(['src/web/**'], [WEB], ['src/web/public/**', 'src/web/admin/**']),
  boundary(['src/web/public/**'], [WEB, AREAS_APART('admin')]),
  boundary(['src/web/admin/**'], [WEB, AREAS_APART('public')]),
  boundary(['src/cli/**'], [CLI]),
  boundary(['src/media/**'], [MEDIA]),
  boundary(['src/editor/**'], [EDITOR]),
)
