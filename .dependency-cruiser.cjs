/**
 * dependency-cruiser: no circular imports anywhere in src/, and the layer rule
 * (ARCHITECTURE.md, "Invariants") checked on the real import graph, as a
 * second line behind ESLint's no-restricted-imports.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular imports make load order matter; keep layers one-way.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-and-text-are-pure',
      severity: 'error',
      from: { path: '^src/(domain|text)/' },
      to: {
        path: '^src/(web|storage|cli|media|outbound)/|^src/(config|context|main)\\.ts$|node_modules/(fastify|@fastify|kysely|better-sqlite3|pg|preact|sharp|exifr|@aws-sdk)',
      },
    },
    {
      name: 'text-below-domain',
      severity: 'error',
      from: { path: '^src/text/' },
      to: { path: '^src/domain/' },
    },
    {
      name: 'web-never-touches-storage',
      severity: 'error',
      from: { path: '^src/web/' },
      to: {
        path: '^src/(storage|cli|media)/|^src/(context|main)\\.ts$|node_modules/(kysely|better-sqlite3|pg|sharp|exifr|@aws-sdk)/',
      },
    },
    {
      name: 'public-and-admin-apart',
      severity: 'error',
      comment:
        'web/public and web/admin never import each other: shared code goes in web/ui or web/plugins.',
      from: { path: '^src/web/(public|admin)/' },
      to: { path: '^src/web/(public|admin)/', pathNot: '^src/web/$1/' },
    },
    {
      name: 'storage-never-touches-web',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: {
        path: '^src/(web|cli|media)/|^src/context\\.ts$|node_modules/(fastify|@fastify|preact|sharp|exifr)',
      },
    },
    {
      name: 'cli-never-touches-web-or-stores',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: {
        path: '^src/(web|media)/|^src/storage/.*-store\\.ts$|node_modules/(kysely|better-sqlite3|pg)/',
      },
    },
    {
      name: 'media-is-image-processing-only',
      severity: 'error',
      comment:
        'src/media/ (sharp, exifr) serves the domain; only the composition root wires it in.',
      from: { path: '^src/media/' },
      to: {
        path: '^src/(web|storage|cli)/|^src/(config|context|main)\\.ts$|node_modules/(fastify|@fastify|kysely|better-sqlite3|pg|preact|@aws-sdk)',
      },
    },
    {
      name: 'outbound-calls-only',
      severity: 'error',
      comment:
        'src/outbound/ makes HTTP calls to other hosts (node:http and ipaddr.js); the composition root hands it to services.',
      from: { path: '^src/outbound/' },
      to: { path: '^src/(?!outbound/)|node_modules/(?!ipaddr\\.js/)' },
    },
    {
      name: 'editor-is-browser-code',
      severity: 'error',
      comment:
        'src/editor/ is bundled into assets/editor.js for the browser: text/ and ProseMirror, nothing of the server.',
      from: { path: '^src/editor/' },
      to: {
        path: '^src/(web|storage|cli|media|domain)/|^src/(config|context|main)\\.ts$|node_modules/(fastify|@fastify|kysely|better-sqlite3|pg|preact|sharp|exifr|@aws-sdk)',
      },
    },
    {
      name: 'nothing-imports-the-editor',
      severity: 'error',
      comment: 'The server never runs browser code; the editor reaches it as a bundled asset.',
      from: { path: '^src/', pathNot: '^src/editor/' },
      to: { path: '^src/editor/' },
    },
    {
      name: 'editing-view-only-in-the-editor',
      severity: 'error',
      comment:
        "ProseMirror's view and commands need a DOM: only src/editor/ uses them (text/ keeps the schema and Markdown).",
      from: { path: '^src/', pathNot: '^src/editor/' },
      to: {
        path: 'node_modules/prosemirror-(view|state|commands|keymap|history|inputrules|schema-list|transform)/',
      },
    },
    {
      name: 'image-libraries-only-in-media',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/media/' },
      to: { path: 'node_modules/(sharp|exifr)/' },
    },
    {
      name: 'object-storage-only-in-storage',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/storage/' },
      to: { path: 'node_modules/@aws-sdk/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.test\\.tsx?$' },
  },
}
