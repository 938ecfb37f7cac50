// `npm run bench:lighthouse`: Lighthouse (pinned, 12.2.3) in its mobile and
// desktop configurations, driving Debian's Chromium, on the home page and on an article
// with a lead photo and three more in its text (bench/load-corpus.ts makes
// both, on a small corpus). Prints the four category scores, CLS and the
// number of axe failures Lighthouse's accessibility audits found, per page.
// Kept apart from `npm run bench`: each Lighthouse run takes tens of seconds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { freePort, ROOT, runChild, startServer } from './harness.js'
import desktopConfig from 'lighthouse/core/config/desktop-config.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

const dataDir = mkdtempSync(join(tmpdir(), 'dateline-lighthouse-'))
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1' }
const loaded = JSON.parse(
  await runChild(process.execPath, ['--import', 'tsx', 'bench/load-corpus.ts', '60', '100'], env),
) as { paths: { photoArticle: string } }
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const { child: server } = await startServer(
  ['dist/bundle/server.mjs'],
  { ...env, PORT: String(port) },
  `${base}/`,
)
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS })

const results: Record<string, unknown>[] = []
try {
  const pages = [
    ['home', '/'],
    ['article with a lead photo and three inline', loaded.paths.photoArticle],
  ] as const
  for (const [formFactor, [page, path]] of (['mobile', 'desktop'] as const).flatMap((form) =>
    pages.map((entry) => [form, entry] as const),
  )) {
    const name = `${page} (${formFactor})`
    // Once to warm the page cache and the renditions, then measured.
    await fetch(base + path)
    const outcome = await lighthouse(
      base + path,
      { port: chrome.port, output: 'json', logLevel: 'error', formFactor },
      // The desktop preset also sets the desktop screen and throttling, not only the form factor.
      formFactor === 'desktop' ? desktopConfig : undefined,
    )
    if (!outcome) throw new Error(`Lighthouse gave no result for ${path}`)
    const { lhr } = outcome
    const score = (category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100)
    const failedAxe = Object.values(lhr.audits).filter(
      (audit) =>
        audit.scoreDisplayMode === 'binary' &&
        audit.score === 0 &&
        lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === audit.id),
    )
    const row = {
      page: name,
      path,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
      cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
      lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
      axeFailures: failedAxe.map((audit) => audit.id),
      lighthouse: lhr.lighthouseVersion,
    }
    results.push(row)
    console.log(
      `${name}: performance ${row.performance}, accessibility ${row.accessibility}, best practices ${row.bestPractices}, SEO ${row.seo}; CLS ${row.cls}; LCP ${Math.round(row.lcpMs)} ms; axe failures ${row.axeFailures.length}${row.axeFailures.length ? ` (${row.axeFailures.join(', ')})` : ''}`,
    )
    const failing = Object.values(lhr.audits)
      .filter(
        (audit) =>
          audit.score !== null &&
          audit.score < 1 &&
          audit.scoreDisplayMode !== 'informative' &&
          audit.scoreDisplayMode !== 'manual' &&
          audit.scoreDisplayMode !== 'notApplicable',
      )
      .map((audit) => `${audit.id} (${audit.score})`)
    if (failing.length > 0) console.log(`  not full marks: ${failing.join(', ')}`)
    // Where an audit counts bytes a smaller file would save, name the files.
    for (const audit of Object.values(lhr.audits)) {
      if (audit.score === null || audit.score >= 1 || audit.details?.type !== 'opportunity') {
        continue
      }
      for (const item of audit.details.items) {
        const { url, wastedBytes } = item as { url?: string; wastedBytes?: number }
        if (url && wastedBytes) {
          console.log(
            `    ${audit.id}: ${url} (${Math.round(wastedBytes / 1024)} KB more than needed)`,
          )
        }
      }
    }
  }
} finally {
  chrome.kill()
  server.kill()
  rmSync(dataDir, { recursive: true, force: true })
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
const file = join(
  ROOT,
  'bench/results',
  `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
)
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
console.log(`Results written to ${file}`)
process.exit(0)
