// Bundles the `dateline` command from src/ for the tests that run it as a real process
// (test/cli/cli.ts), laid out as dist/bundle/server.mjs is (scripts/bundle.mjs). Run from
// TypeScript through tsx, each such process spent about 2.5 s of CPU loading some hundreds
// of files; bundled once per test run (esbuild, about a second), each loads in about 0.4 s.
// The bundle sits in .tmp/, inside the project, so that the native modules left outside
// it resolve from node_modules.
import { build } from 'esbuild'
import { NODE_BUNDLE } from './bundle.mjs'
import { readFile } from 'node:fs/promises'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** import.meta.url in each source file stays that file's own URL, so paths made from it hold. */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\/src\/.*\.tsx?$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8')).replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(path).href),
      ),
      loader: path.endsWith('x') ? 'tsx' : 'ts',
    }))
  },
}

/** Bundles test/cli/run-cli.ts into a fresh folder; returns the folder and the script. */
export async function compileCliForTests() {
  mkdirSync(join(root, '.tmp'), { recursive: true })
  const dir = mkdtempSync(join(root, '.tmp', 'test-cli-'))
  await build({
    absWorkingDir: root,
    entryPoints: { 'run-cli': 'test/cli/run-cli.ts' },
    outdir: dir,
    ...NODE_BUNDLE,
    plugins: [...NODE_BUNDLE.plugins, sourceUrls],
  })
  return { dir, script: join(dir, 'run-cli.mjs') }
}
