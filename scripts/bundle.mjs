// Bundles the server into dist/bundle/server.mjs. Node then parses one module instead of
// several hundred (Kysely alone is some three hundred files): the server starts in about half
// the time and with less memory. What the code imports only when it needs it (the S3 client,
// the password dictionaries) goes into chunks beside it, parsed only by processes that use
// them. The native SQLite driver and sharp (which loads libvips for this platform at run
// time) stay outside the bundle.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'

rmSync('dist/bundle', { recursive: true, force: true })
await build({
  entryPoints: { server: 'dist/main.js' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'pg-native', 'sharp'],
  // Some dependencies are CommonJS and call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
})
