import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { AppContext } from '../../context.js'
import type { CliOutput } from '../io.js'
import { formatDateLine, parseDateLine } from '../../text/article-text/date-line.js'
import { zonedDate, type CalendarDate } from '../../text/dates.js'
import { slugify } from '../../text/slug.js'
import { createDemoAccounts } from './demo-accounts.js'
import { addDemoImage, standInAlt } from './demo-media.js'
import { COMMAND_LINE } from '../../domain/access/policy.js'
import { loadDemoPages } from './demo-pages.js'

/** The demo articles and their manifest, beside src/ and dist/. */
const DEMO_DIR = fileURLToPath(new URL('../../../demo/', import.meta.url))

/** A file beside the manifest: a folder and a name, nothing that climbs out. */
const demoFile = (extension: string) =>
  z.string().regex(new RegExp(`^[a-z]+/[a-z0-9-]+\\.${extension}$`))

const imageSchema = z.object({
  file: demoFile('(jpg|png)'),
  alt: z.string().min(1),
  caption: z.string(),
  credit: z.string().min(1),
  focus: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]),
})

const manifestSchema = z.object({
  authors: z.array(z.object({ name: z.string(), bio: z.string(), photo: demoFile('png') })),
  articles: z.array(
    z.object({ file: demoFile('txt'), tags: z.array(z.string()), image: imageSchema.optional() }),
  ),
  /** Story threads: a running story's articles, in reading order. */
  threads: z
    .array(z.object({ title: z.string(), description: z.string(), files: z.array(z.string()) }))
    .default([]),
})

const DAY_MS = 86_400_000

/**
 * Loads the demo newsroom: articles in every form the importer reads, filed
 * in the sections their folders name, with tags and author biographies. The
 * articles' dates move so that the newest is yesterday and the site looks
 * current. Does nothing when the site has articles, unless forced.
 */
export async function runDemo(
  ctx: AppContext,
  { force, announceSkip }: { force: boolean; announceSkip: boolean },
  out: CliOutput,
): Promise<void> {
  const { services, clock } = ctx
  await services.sections.ensureDefaults()
  const existing = await services.articles.listPublished({}, 1, 1)
  if (existing.total > 0 && !force) {
    if (announceSkip) {
      out.log(
        'The site already has articles; the demo content was not loaded (add --force to load it anyway).',
      )
    }
    return
  }

  const manifest = manifestSchema.parse(
    JSON.parse(await readFile(`${DEMO_DIR}manifest.json`, 'utf8')),
  )
  const texts = await Promise.all(
    manifest.articles.map((entry) => readFile(`${DEMO_DIR}articles/${entry.file}`, 'utf8')),
  )
  const yesterday = zonedDate(
    new Date(clock.now().getTime() - DAY_MS),
    services.identity.current().timeZone,
  )
  const shiftDays = daysBetween(newestDate(texts), yesterday)

  const articleIds = new Map<string, { id: string; publishedAt: Date | null }>()
  for (const [index, entry] of manifest.articles.entries()) {
    const text = shiftDateLines(texts[index] ?? '', shiftDays)
    const leadImageId = entry.image && (await addDemoImage(ctx, DEMO_DIR, entry.image))
    const { article } = await services.importer.importText(text, {
      sectionSlug: entry.file.split('/')[0] ?? 'news',
      draft: false,
      tags: entry.tags,
      leadImageId,
    })
    articleIds.set(entry.file, article)
  }
  await loadDemoComments(ctx, articleIds)
  await loadDemoThreads(ctx, manifest.threads, articleIds)
  await loadDemoPages(ctx)
  if ((await services.accounts.listUsers(COMMAND_LINE)).length === 0) await createDemoAccounts(ctx)
  for (const author of manifest.authors) {
    await services.authors.setBio(slugify(author.name), author.bio)
    const photo = await addDemoImage(ctx, DEMO_DIR, {
      file: author.photo,
      alt: standInAlt(author.name),
      caption: '',
      credit: 'Dateline demo illustration',
      focus: [0.5, 0.5],
    })
    await services.authors.setPhoto(COMMAND_LINE, slugify(author.name), photo)
  }
  out.log(`Loaded ${manifest.articles.length} demo articles by ${manifest.authors.length} authors.`)
}

function dateLines(text: string): CalendarDate[] {
  return text.split('\n').flatMap((line) => {
    const parsed = parseDateLine(line)
    return parsed?.kind === 'date' ? [parsed.date] : []
  })
}

function newestDate(texts: readonly string[]): CalendarDate {
  const all = texts.flatMap(dateLines)
  return all.reduce(
    (newest, date) => (toDays(date) > toDays(newest) ? date : newest),
    all[0] ?? { year: 2026, month: 1, day: 1 },
  )
}

const toDays = (date: CalendarDate): number =>
  Date.UTC(date.year, date.month - 1, date.day) / DAY_MS

function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDays(to) - toDays(from)
}

function shiftDateLines(text: string, days: number): string {
  return text
    .split('\n')
    .map((line) => {
      const parsed = parseDateLine(line)
      if (parsed?.kind !== 'date') return line
      const shifted = new Date((toDays(parsed.date) + days) * DAY_MS)
      return formatDateLine({
        year: shifted.getUTCFullYear(),
        month: shifted.getUTCMonth() + 1,
        day: shifted.getUTCDate(),
      })
    })
    .join('\n')
}

const commentSchema = z.object({
  name: z.string(),
  body: z.string(),
  pending: z.boolean().optional(),
})
const commentsSchema = z.array(
  z.object({
    file: z.string(),
    comments: z.array(commentSchema.extend({ replies: z.array(commentSchema).optional() })),
  }),
)

async function loadDemoThreads(
  ctx: AppContext,
  threads: z.infer<typeof manifestSchema>['threads'],
  articles: Map<string, { id: string }>,
): Promise<void> {
  for (const { title, description, files } of threads) {
    const slug = slugify(title)
    // `demo --force` loads again over what is there: an existing thread is refilled.
    const existing = await ctx.services.threads.list(COMMAND_LINE)
    if (!existing.some((thread) => thread.slug === slug)) {
      await ctx.services.threads.create(COMMAND_LINE, { title, slug, description })
    }
    for (const file of files) {
      const article = articles.get(file)
      if (!article) {
        throw new Error(`demo/manifest.json: thread "${title}" names ${file}, which is not listed`)
      }
      const members = await ctx.services.threads.getForEditing(COMMAND_LINE, slug)
      if (members.members.some((member) => member.id === article.id)) continue
      await ctx.services.threads.addArticle(COMMAND_LINE, slug, article.id)
    }
  }
}

/** Readers' comments on a few demo articles, some approved with replies, some waiting for a moderator. */
async function loadDemoComments(
  ctx: AppContext,
  articles: Map<string, { id: string; publishedAt: Date | null }>,
): Promise<void> {
  const threads = commentsSchema.parse(
    JSON.parse(await readFile(`${DEMO_DIR}comments.json`, 'utf8')),
  )
  for (const { file, comments } of threads) {
    const article = articles.get(file)
    if (!article?.publishedAt) continue
    // Spread through the hours after publication, in order.
    let at = article.publishedAt.getTime()
    const add = async (entry: z.infer<typeof commentSchema>, parentId: string | null) => {
      at += 47 * 60_000
      return ctx.services.comments.addDirectly(COMMAND_LINE, {
        articleId: article.id,
        parentId,
        name: entry.name,
        body: entry.body,
        status: entry.pending ? 'pending' : 'approved',
        createdAt: new Date(Math.min(at, ctx.clock.now().getTime())),
      })
    }
    for (const entry of comments) {
      const parent = await add(entry, null)
      for (const reply of entry.replies ?? []) await add(reply, parent.id)
    }
  }
}
