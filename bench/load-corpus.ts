// Loads the benchmark corpus into a fresh data folder through the real importer
// (in batches, as `dateline import` does), and prints the timings as JSON.
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { loadConfig } from '../src/config.js'
import { createContext } from '../src/context.js'
import { COMMAND_LINE } from '../src/domain/access/policy.js'
import { COMMENT_LIMITS } from '../src/domain/comments/comment.js'
import { DomainError } from '../src/domain/errors.js'
import { articlePath } from '../src/web/ui/urls.js'
import { commentText, corpus, random, SECTIONS, vocabulary } from './corpus.js'

const [articles = '10000', comments = '20000'] = process.argv.slice(2)
/** The editor the benchmark signs in as. */
const BENCH_EDITOR = {
  email: 'bench.editor@news.example',
  displayName: 'Bench Editor',
  password: 'correct horse battery staple',
}
const ctx = await createContext(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }))
await ctx.services.sections.ensureDefaults()
const existing = new Set((await ctx.services.sections.list()).map((section) => section.slug))
for (const slug of SECTIONS.filter((name) => !existing.has(name))) {
  await ctx.services.sections.create(COMMAND_LINE, {
    name: slug.replace(/^./, (c) => c.toUpperCase()),
    slug,
  })
}

const started = performance.now()
const ids: { id: string; slug: string; publishedAt: Date }[] = []
const entries = [...corpus(Number(articles), ctx.clock.now())].map((article) => ({
  text: article.text,
  options: { sectionSlug: article.section, draft: false, tags: article.tags },
}))
for (let i = 0; i < entries.length; i += 200) {
  for (const result of await ctx.services.importer.importBatch(entries.slice(i, i + 200))) {
    if (result instanceof DomainError) throw result
    ids.push({
      id: result.article.id,
      slug: result.article.slug,
      publishedAt: result.article.publishedAt ?? new Date(),
    })
  }
}
const importMs = performance.now() - started
// Related coverage boxes whose lists later stories of the import changed: the server's tidy
// renders them over its first minutes; rendered here, the measured server starts as a site
// that has run a while.
await ctx.services.stories.fillMissingBoxes()

const commentsStarted = performance.now()
const next = random(7)
const words = vocabulary()
const batch: Parameters<typeof ctx.services.comments.addManyDirectly>[1][number][] = []
for (let i = 0; i < Number(comments); i++) {
  // Most comments gather on recent articles, as they do on a real site.
  const target = ids[ids.length - 1 - Math.floor(next() ** 3 * ids.length)]
  if (!target) continue
  batch.push({
    articleId: target.id,
    parentId: null,
    name: `Reader ${i % 997}`,
    body: commentText(next, words),
    status: 'approved',
    createdAt: new Date(Math.min(target.publishedAt.getTime() + (i % 500) * 60_000, Date.now())),
  })
  if (batch.length === 1000) {
    await ctx.services.comments.addManyDirectly(COMMAND_LINE, batch.splice(0))
  }
}
await ctx.services.comments.addManyDirectly(COMMAND_LINE, batch.splice(0))
const commentsMs = performance.now() - commentsStarted

// Pages to measure: the newest article (it has the most comments), its first author and tag.
const [latest] = (await ctx.services.articles.listPublished({}, 1, 1)).items
if (!latest) throw new Error('the corpus has no published article')
const article = await ctx.services.articles.getPublishedBySlug(latest.slug)
// Its page shows a full first page of conversations: the "50 comments" rows depend on it. The
// page bench loads thousands of comments; a small corpus (Lighthouse's) is not held to it.
const firstPage = await ctx.services.comments.approvedThreads(article.id, 1)
if (Number(comments) >= 1000 && firstPage.items.length < COMMENT_LIMITS.perPage) {
  throw new Error(
    `the measured article has ${firstPage.items.length} conversations on its first page, not ${COMMENT_LIMITS.perPage}: load more comments`,
  )
}
const uncommented = await oldestWithoutComments()
const paths = {
  article: articlePath(article, ctx.config.siteTimeZone),
  uncommentedArticle: articlePath(uncommented, ctx.config.siteTimeZone),
  section: `/${article.section.slug}`,
  author: `/authors/${article.bylines[0]?.slug ?? ''}`,
  tag: `/tags/${article.tags[0]?.slug ?? ''}`,
}
// An article with a lead photo and three in its body (demo photographs), published last: the
// newest story, so the home page leads with it too. Its renditions are made before the server starts.
const photoArticle = await publishPhotoArticle(ctx)
// A member of the newsroom, for the signed-in rows (the bench signs in over HTTP as a browser does).
await ctx.services.accounts.createUser(COMMAND_LINE, { ...BENCH_EDITOR, role: 'editor' })
await ctx.close()
console.log(
  JSON.stringify({
    articles: Number(articles),
    comments: Number(comments),
    importMs,
    commentsMs,
    articleComments: { conversations: firstPage.items.length, total: firstPage.total },
    editor: { email: BENCH_EDITOR.email, password: BENCH_EDITOR.password },
    paths: { ...paths, photoArticle },
    // Every imported article's page: the long-tail row asks for them at random.
    articlePaths: ids.map((entry) => articlePath(entry, ctx.config.siteTimeZone)),
  }),
)

/** The oldest imported article nobody commented on (comments gather on recent ones). */
async function oldestWithoutComments(): Promise<{ slug: string; publishedAt: Date }> {
  for (const entry of ids) {
    if ((await ctx.services.comments.approvedThreads(entry.id, 1)).total === 0) return entry
  }
  throw new Error('every article of the corpus has comments')
}

async function publishPhotoArticle(context: typeof ctx): Promise<string> {
  const files = ['evening-glow.jpg', 'forest-stream.jpg', 'mountain-trail.jpg', 'dandelions.jpg']
  const ids: string[] = []
  for (const [index, file] of files.entries()) {
    const { item } = await context.services.media.upload(COMMAND_LINE, {
      bytes: await readFile(new URL(`../demo/photos/${file}`, import.meta.url)),
      fileName: file,
      fields: {
        alt: `Benchmark photograph ${index + 1}`,
        caption: `Photo ${index + 1}`,
        credit: 'Demo',
      },
    })
    ids.push(item.id)
  }
  await context.services.media.processPending()
  const [lead = '', ...inline] = ids
  const paragraphs = Array.from(
    { length: 8 },
    (_, i) =>
      `Paragraph ${i + 1} of the photo story. ${words.slice(i * 30, i * 30 + 60).join(' ')}.`,
  )
  const body = [
    ...paragraphs.slice(0, 2),
    `![](media:${inline[0] ?? ''})`,
    ...paragraphs.slice(2, 5),
    `![](media:${inline[1] ?? ''})`,
    ...paragraphs.slice(5),
    `![](media:${inline[2] ?? ''})`,
  ].join('\n\n')
  const draft = await context.services.editing.createDraft(COMMAND_LINE, {
    headline: 'Boats, streams and trails: a story told in photographs',
    standfirst: 'A benchmark story with a lead photograph and three more in its text.',
    dateline: 'BERGEN, NORWAY',
    body,
    keyPoints: [],
    sectionSlug: 'news',
    bylines: ['Bench Photographer'],
    tags: ['Photography'],
    slug: 'a-story-told-in-photographs',
    leadImageId: lead,
  })
  const published = await context.services.workflow.transition(COMMAND_LINE, draft.id, {
    transition: 'publish',
  })
  return articlePath(published, context.config.siteTimeZone)
}
