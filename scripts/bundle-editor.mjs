// Bundles the newsroom's rich-text editor (src/editor/, ProseMirror) into
// assets/editor.js, served only on the article editor's page. The file is built,
// not committed: `npm run build` (and so `npm ci`) and `npm test` make it.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

export async function bundleEditor() {
  await build({
    absWorkingDir: root,
    entryPoints: ['src/editor/main.ts'],
    outfile: 'assets/editor.js',
    bundle: true,
    minify: process.env.EDITOR_UNMINIFIED !== '1',
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    legalComments: 'eof',
    logLevel: 'warning',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleEditor()
