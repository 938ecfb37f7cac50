// Bundles the server into one file, dist/bundle/server.mjs. Node then parses one module
// instead of several hundred (Kysely alone is some three hundred files): the server
// starts in about half the time and with less memory. The native SQLite driver and sharp
// (which loads libvips for this platform at run time) stay outside the bundle.
import { build } from 'esbuild'

await build({
  entryPoints: ['dist/main.js'],
  outfile: 'dist/bundle/server.mjs',
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
