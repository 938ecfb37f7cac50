// Bundles the server into dist/bundle/server.mjs. Node then parses one module instead of
// several hundred (Kysely alone is some three hundred files): the server starts in about half
// the time and with less memory. What the code imports only when it needs it (the S3 client,
// the password dictionaries) goes into chunks beside it, parsed only by processes that use
// them. The native SQLite driver and sharp (which loads libvips for this platform at run
// time) stay outside the bundle. The tests bundle the command line the same way
// (scripts/compile-cli-for-tests.mjs), so they run code as this bundle lays it out.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Writes the bundle with each character beyond Latin-1 as a \uXXXX escape. esbuild escapes
 * them in strings, but leaves regular expressions as written, and one such character (a curly
 * quote in a pattern) makes V8 hold the module's whole source two bytes a character: 8.6 MB of
 * every process's heap for the server's 4.4 MB, against 4.3 MB in one byte. Source maps of
 * those few lines are off by five columns an escape.
 */
export const latin1Source = {
  name: 'latin1-source',
  setup(build) {
    build.onEnd(async (result) => {
      for (const file of result.outputFiles ?? []) {
        await mkdir(dirname(file.path), { recursive: true })
        await writeFile(file.path, file.path.endsWith('.mjs') ? latin1(file.text) : file.contents)
      }
    })
  },
}

function latin1(text) {
  // An escape after a backslash would read as a backslash and the letters "u2019".
  const escaped = /\\[\u0100-\uffff]/.exec(text)
  if (escaped) throw new Error(`an escaped character beyond Latin-1: ${escaped[0]}`)
  return text.replace(
    /[\u0100-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

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
  // Written by latin1Source.
  write: false,
  plugins: [latin1Source],
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
