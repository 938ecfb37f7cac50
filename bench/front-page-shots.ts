// `node --import tsx bench/front-page-shots.ts [OUT_DIR]`: screenshots of the home
// page at 390, 768, 1280 and 1600 px, on sites whose every section holds 1, 2 or 7
// stories (every other story with a photo). For looking at, not for asserting:
// the browser tests measure overflow and accessibility.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { loadConfig } from '../src/config.js'
import { createContext } from '../src/context.js'
import { COMMAND_LINE } from '../src/domain/access/policy.js'
import { buildApp } from '../src/web/app.js'
import { buildArticleText } from '../test/helpers/factories.js'

const ROOT = new URL('..', import.meta.url).pathname
const OUT = process.argv[2] ?? '/tmp/front-page-shots'
const WIDTHS = [390, 768, 1280, 1600]
const COUNTS = [1, 2, 7]
const PHOTOS = readdirSync(join(ROOT, 'demo/photos')).filter((name) => name.endsWith('.jpg'))
const WORDS = ['Harbour', 'Council', 'Ferry', 'Market', 'School', 'Stadium', 'Theatre', 'River']

async function site(perSection: number, out: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-shots-'))
  const ctx = await createContext(
    loadConfig({
      DATA_DIR: dataDir,
      SITE_URL: 'http://127.0.0.1',
      NODE_ENV: 'test',
      PASSWORD_HASH_COST: '4',
      LOG_LEVEL: 'silent',
    }),
  )
  try {
    await ctx.services.sections.ensureDefaults()
    const sections = await ctx.services.sections.list()
    let n = 0
    for (let index = 0; index < perSection; index++) {
      for (const section of sections) {
        n++
        const photo = PHOTOS[n % PHOTOS.length] ?? ''
        const leadImageId =
          n % 2 === 1
            ? (
                await ctx.services.media.upload(COMMAND_LINE, {
                  bytes: readFileSync(join(ROOT, 'demo/photos', photo)),
                  fileName: photo,
                  fields: {
                    alt: `A photograph: ${photo.replace('.jpg', '')}`,
                    caption: '',
                    credit: 'Demo',
                  },
                })
              ).item.id
            : undefined
        const word = WORDS[n % WORDS.length] ?? 'Harbour'
        await ctx.services.importer.importText(
          buildArticleText({
            headline: `${word} plan ${n} divides ${section.name.toLowerCase()} watchers after a long night of talks`,
            dateLine: `Friday, December ${4 - (n % 3)}th 2026`,
          }),
          { sectionSlug: section.slug, draft: false, leadImageId },
        )
      }
    }
    const app = await buildApp(ctx, { logger: false })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const address = app.server.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    })
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } })
      await page.goto(url, { waitUntil: 'networkidle' })
      // Lazy pictures load only near the viewport: scroll down once so the whole page has them.
      const height = await page.evaluate(() => document.body.scrollHeight)
      for (let y = 0; y < height; y += 600) await page.mouse.wheel(0, 600)
      await page.waitForLoadState('networkidle')
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: join(out, `home-${perSection}-${width}.png`), fullPage: true })
      await page.close()
    }
    await browser.close()
    await app.close()
  } finally {
    await ctx.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

mkdirSync(OUT, { recursive: true })
for (const count of COUNTS) await site(count, OUT)
console.log(`Screenshots in ${OUT}`)
