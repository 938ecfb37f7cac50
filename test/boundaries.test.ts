// The layer boundaries hold in both tools that guard them. A rule can stop
// being enforced without anyone noticing (flat-config options replace rather
// than merge, so a second rule for a folder silently dropped the first). So
// this test writes probe files into each guarded folder of src/, each with one
// import that folder must never make, and asks ESLint (its Node API) and
// dependency-cruiser (its CLI, with the project's config) about them: both must
// refuse every forbidden probe, and pass a clean one in each folder, so the
// test can fail either way. The probes are removed afterwards.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { ESLint } from 'eslint'

const ROOT = new URL('..', import.meta.url).pathname

interface Probe {
  folder: string
  /** The module imported, as written in the probe. */
  imports: string
  /** Whether the folder may import it. */
  allowed: boolean
}

const forbidden = (folder: string, ...modules: string[]): Probe[] =>
  modules.map((imports) => ({ folder, imports, allowed: false }))
const allowed = (folder: string, imports: string): Probe => ({ folder, imports, allowed: true })

const PROBES: Probe[] = [
  ...forbidden(
    'src/domain',
    'fastify',
    'kysely',
    'preact',
    '../storage/dialect.js',
    '../web/app.js',
  ),
  ...forbidden('src/domain', '../config.js'),
  allowed('src/domain', '../text/slug.js'),
  // text/ has two rules: the second must not have replaced the first.
  ...forbidden('src/text', 'fastify', 'kysely', 'preact', '../domain/errors.js', '../web/app.js'),
  allowed('src/text', './slug.js'),
  ...forbidden('src/storage', 'fastify', 'preact', '../web/app.js', '../cli/main.js'),
  allowed('src/storage', '../domain/errors.js'),
  ...forbidden('src/web', 'kysely', 'pg', '../storage/dialect.js', '../context.js'),
  allowed('src/web', './plugins/problems.js'),
  // The two areas of the site never import each other, and keep the web's own rules.
  ...forbidden('src/web/public', '../admin/forms.js', 'kysely', '../../storage/dialect.js'),
  allowed('src/web/public', '../plugins/request-parsing.js'),
  ...forbidden('src/web/admin', '../public/deps.js', 'kysely', '../../storage/dialect.js'),
  allowed('src/web/admin', '../ui/urls.js'),
  ...forbidden('src/cli', '../web/app.js', 'kysely', '../storage/comment-store.js'),
  allowed('src/cli', '../context.js'),
  // The editor is browser code: text/ and ProseMirror, nothing of the server.
  ...forbidden(
    'src/editor',
    '../web/app.js',
    '../domain/errors.js',
    'fastify',
    '../storage/dialect.js',
  ),
  allowed('src/editor', '../text/slug.js'),
]

const tag = `${process.pid}-${randomBytes(3).toString('hex')}`
const files = PROBES.map((probe, index) => ({
  probe,
  path: join(ROOT, probe.folder, `boundary-probe-${tag}-${index}.ts`),
}))
const name = (probe: Probe) => `${probe.folder} importing ${probe.imports}`

/** The probes each tool refused, by file path relative to the root. */
const refusedBy = { eslint: new Set<string>(), depcruise: new Set<string>() }

before(async () => {
  for (const { probe, path } of files) {
    // A side-effect import: nothing unused for other rules to report.
    writeFileSync(path, `import '${probe.imports}'\n`)
  }
  try {
    // Only the boundary rule runs, so the probes need no type information: without the
    // project service, ESLint does not build the whole program's types (most of this test's time).
    const eslint = new ESLint({
      cwd: ROOT,
      ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
      overrideConfig: {
        languageOptions: { parserOptions: { projectService: false, project: false } },
      },
    })
    for (const result of await eslint.lintFiles(files.map((file) => file.path))) {
      if (result.messages.some((message) => message.ruleId === 'no-restricted-imports')) {
        refusedBy.eslint.add(relative(ROOT, result.filePath))
      }
    }
    const cruise = spawnSync(
      join(ROOT, 'node_modules/.bin/depcruise'),
      [
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'json',
        ...files.map(({ path }) => relative(ROOT, path)),
      ],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    )
    const output = JSON.parse(cruise.stdout) as {
      summary: { violations: { from: string; rule: { name: string } }[] }
    }
    for (const violation of output.summary.violations) refusedBy.depcruise.add(violation.from)
  } finally {
    for (const { path } of files) rmSync(path, { force: true })
  }
})

after(() => {
  for (const { path } of files) rmSync(path, { force: true })
})

describe('layer boundaries: every forbidden import is refused by both tools', () => {
  for (const tool of ['eslint', 'depcruise'] as const) {
    test(`${tool} refuses each forbidden probe and passes each clean one`, () => {
      const wrong: string[] = []
      for (const { probe, path } of files) {
        const refused = refusedBy[tool].has(relative(ROOT, path))
        if (refused === probe.allowed) {
          wrong.push(`${name(probe)}: ${refused ? 'refused' : 'accepted'}`)
        }
      }
      assert.deepEqual(wrong, [], wrong.join('\n'))
    })
  }

  test('the probes are gone from src/', () => {
    const left = spawnSync('git', ['status', '--porcelain', '--untracked-files=all', 'src'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).stdout
    assert.doesNotMatch(left, new RegExp(`boundary-probe-${tag}`))
  })
})
