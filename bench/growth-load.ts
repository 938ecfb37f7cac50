// One step of `npm run bench -- --growth`: imports corpus articles FROM..TO (of a corpus of
// TOTAL, dated up to END) through the importer's own write path, in batches of BATCH per
// transaction (search index, tags, authors and related coverage written as an import writes
// them), then one approved comment per article. Appends the new articles' paths to
// DATA_DIR/growth-paths.txt and prints its timings and peak memory as JSON.
import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadConfig } from '../src/config.js'
import { createContext } from '../src/context.js'
import { COMMAND_LINE } from '../src/domain/access/policy.js'
import { DomainError } from '../src/domain/errors.js'
import { articlePath } from '../src/web/ui/urls.js'
import { commentText, corpus, random, SECTIONS, vocabulary } from './corpus.js'

const [from = 0, to = 10_000, total = 10_000, end = Date.now(), batchSize = 500] = process.argv
  .slice(2)
  .map(Number)
const ctx = await createContext(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }))
if (from === 0) {
  await ctx.services.sections.ensureDefaults()
  const existing = new Set((await ctx.services.sections.list()).map((section) => section.slug))
  for (const slug of SECTIONS.filter((name) => !existing.has(name))) {
    await ctx.services.sections.create(COMMAND_LINE, {
      name: slug.replace(/^./, (c) => c.toUpperCase()),
      slug,
    })
  }
}

type Entry = Parameters<typeof ctx.services.importer.importBatch>[0][number]
const imported: { id: string; path: string; publishedAt: Date }[] = []
let importMs = 0
async function importEntries(entries: Entry[]): Promise<void> {
  const started = performance.now()
  for (const result of await ctx.services.importer.importBatch(entries)) {
    if (result instanceof DomainError) throw result
    const publishedAt = result.article.publishedAt ?? new Date(end)
    imported.push({
      id: result.article.id,
      path: articlePath(result.article, ctx.config.siteTimeZone),
      publishedAt,
    })
  }
  importMs += performance.now() - started
}

// Only the import is timed, not making up the corpus's text.
let index = 0
const batch: Entry[] = []
for (const article of corpus(total, new Date(end))) {
  if (index++ < from) continue
  if (index > to) break
  batch.push({
    text: article.text,
    options: { sectionSlug: article.section, draft: false, tags: article.tags },
  })
  if (batch.length === batchSize) await importEntries(batch.splice(0))
}
await importEntries(batch)

const commentsStarted = performance.now()
const next = random(from + 11)
const words = vocabulary()
type Comment = Parameters<typeof ctx.services.comments.addManyDirectly>[1][number]
let comments: Comment[] = []
for (let i = 0; i < imported.length; i++) {
  const target = imported[Math.floor(next() * imported.length)]!
  comments.push({
    articleId: target.id,
    parentId: null,
    name: `Reader ${i % 997}`,
    body: commentText(next, words),
    status: 'approved',
    createdAt: new Date(Math.min(target.publishedAt.getTime() + (i % 500) * 60_000, end)),
  })
  if (comments.length === 2000) {
    await ctx.services.comments.addManyDirectly(COMMAND_LINE, comments)
    comments = []
  }
}
await ctx.services.comments.addManyDirectly(COMMAND_LINE, comments)
const commentsMs = performance.now() - commentsStarted
await ctx.close()

appendFileSync(
  join(ctx.config.dataDir, 'growth-paths.txt'),
  imported.map((entry) => `${entry.path}\n`).join(''),
)
const status = readFileSync('/proc/self/status', 'utf8')
console.log(
  JSON.stringify({
    articles: imported.length,
    importMs,
    commentsMs,
    peakRssMb: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024,
  }),
)
