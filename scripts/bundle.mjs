// Bundles the server into dist/bundle/server.mjs. Node then parses one module instead of
// several hundred (Kysely alone is some three hundred files): the server starts in about half
// the time and with less memory. What the code imports only when it needs it (the S3 client,
// the password dictionaries) goes into chunks beside it, parsed only by processes that use
// them. The native SQLite driver and sharp (which loads libvips for this platform at run
// time) stay outside the bundle. The tests bundle the command line the same way
// (scripts/compile-cli-for-tests.mjs), so they run code as this bundle lays it out.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** esbuild's settings for a bundle Node runs; entry points and folder are the caller's. */
export const NODE_BUNDLE = {
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pg-native', 'sharp'],
  // Some dependencies are CommonJS and call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  rmSync('dist/bundle', { recursive: true, force: true })
  await build({
    ...NODE_BUNDLE,
    entryPoints: { server: 'dist/main.js' },
    outdir: 'dist/bundle',
    sourcemap: true,
  })
}
