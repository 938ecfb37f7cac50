import { exportArticleText } from '../../text/article-text/export-article-text.js'
import { zonedDate } from '../../text/dates.js'
import type { Article } from '../articles/article.js'
import type { Comment } from '../comments/comment.js'
import { originalKey, type MediaStorage } from '../media/media-storage.js'
import type { MediaItem } from '../media/media.js'
import type { SettingsService } from '../settings/settings-service.js'
import type { SiteIdentity } from '../settings/site-identity.js'
import type { Stores } from '../unit-of-work.js'
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportCollection,
  type ExportedArticle,
  type ExportedMedia,
  type ExportFile,
  type ExportRecords,
} from './export-document.js'
import {
  banners,
  homeBlocks,
  identityOf,
  menuItems,
  pageOf,
  placements,
} from './export-site-parts.js'

/** Rows read per query: the export's memory stays flat however large the site. */
const CHUNK = 200

export type ExportEntry = {
  [C in ExportCollection]: { collection: C; record: ExportRecords[C]; files: ExportFile[] }
}[ExportCollection]

export type ExportService = ReturnType<typeof createExportService>

async function* chunks<T>(read: (window: { limit: number; offset: number }) => Promise<T[]>) {
  for (let offset = 0; ; offset += CHUNK) {
    const rows = await read({ limit: CHUNK, offset })
    yield* rows
    if (rows.length < CHUNK) return
  }
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null)

/** Where an original goes in the export folder: its id and its format's usual extension. */
function mediaFile(item: MediaItem): string {
  const extension = item.format === 'jpeg' ? 'jpg' : item.format
  return `media/${item.id}.${extension}`
}

function mediaOf(item: MediaItem): ExportedMedia {
  return {
    id: item.id,
    file: mediaFile(item),
    fileName: item.fileName,
    contentHash: item.contentHash,
    format: item.format,
    width: item.width,
    height: item.height,
    byteSize: item.byteSize,
    alt: item.alt,
    decorative: item.decorative,
    caption: item.caption,
    credit: item.credit,
    copyright: item.copyright,
    focalPoint: item.focalPoint,
    createdAt: item.createdAt.toISOString(),
  }
}

/** The article's text file: dated by its publication (or creation) in the site's zone. */
function textFileOf(article: Article, timeZone: string): string {
  const { year, month } = zonedDate(article.publishedAt ?? article.createdAt, timeZone)
  return `articles/${year}/${String(month).padStart(2, '0')}/${article.slug}.txt`
}

function commentOf(comment: Comment) {
  return {
    id: comment.id,
    parentId: comment.parentId,
    name: comment.authorName,
    body: comment.body,
    status: comment.status,
    createdAt: comment.createdAt.toISOString(),
    moderatedAt: iso(comment.moderatedAt),
    moderatedBy: comment.moderatedBy,
  }
}

/**
 * The whole site as export records, one at a time: sections, authors, tags,
 * staff (never their password hashes, sessions or second factors), media
 * with their originals, articles with every revision and comment, threads,
 * redirects, pages, menus, and the front page's placed stories and banner. Readers' network fingerprints and bans stay behind.
 */
export function createExportService({
  stores,
  storage,
  settings,
  timeZone,
  siteName,
  siteUrl,
  identity,
}: {
  /** The identity the site shows now. */
  identity: () => SiteIdentity
  stores: Stores
  storage: MediaStorage
  settings: SettingsService
  timeZone: string
  siteName: string
  siteUrl: string
}) {
  async function articleOf(article: Article): Promise<ExportEntry> {
    const [revisions, comments] = await Promise.all([
      stores.revisions.list(article.id),
      stores.comments.listForArticle(article.id),
    ])
    const textFile = textFileOf(article, timeZone)
    const record: ExportedArticle = {
      id: article.id,
      slug: article.slug,
      headline: article.headline,
      standfirst: article.standfirst,
      dateline: article.dateline,
      body: article.body,
      keyPoints: article.keyPoints,
      section: article.section.slug,
      bylines: article.bylines.map((byline) => byline.id),
      tags: article.tags.map((tag) => tag.id),
      status: article.status,
      publishedAt: iso(article.publishedAt),
      scheduledFor: iso(article.scheduledFor),
      createdAt: article.createdAt.toISOString(),
      updatedAt: article.updatedAt.toISOString(),
      commentMode: article.commentMode,
      leadImageId: article.leadImage?.id ?? null,
      socialImageId: article.socialImage?.id ?? null,
      seo: article.seo,
      version: article.version,
      corrections: article.corrections.map((correction) => ({
        id: correction.id,
        note: correction.note,
        createdAt: correction.createdAt.toISOString(),
      })),
      revisions: revisions.map((revision) => ({
        version: revision.version,
        createdAt: revision.createdAt.toISOString(),
        createdByName: revision.createdByName,
        note: revision.note,
        fields: revision.fields,
      })),
      comments: comments.map(commentOf),
      textFile,
    }
    const published = article.publishedAt ? zonedDate(article.publishedAt, timeZone) : undefined
    const text = exportArticleText({
      headline: article.headline,
      standfirst: article.standfirst,
      dateline: article.dateline,
      bylines: article.bylines.map((byline) => byline.name),
      credit: '',
      body: article.body,
      keyPoints: article.keyPoints,
      publishedOn: published,
    })
    return {
      collection: 'articles',
      record,
      files: [{ path: textFile, bytes: async () => text }],
    }
  }

  return {
    /** The document's opening fields. */
    async header() {
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        site: { name: siteName, url: siteUrl, timeZone },
        settings: {
          comments: await settings.commentSettings(),
          identity: identityOf(identity()),
        },
      }
    },

    /** Every record, collection by collection in EXPORT_COLLECTIONS order, with the files each brings. */
    async *entries(): AsyncGenerator<ExportEntry> {
      const blocks = await homeBlocks(stores)
      for (const section of await stores.sections.list()) {
        const record = { ...section, homeBlock: blocks.get(section.id) ?? null }
        yield { collection: 'sections', record, files: [] }
      }
      for await (const author of chunks((window) => stores.authors.list(window))) {
        const { id, slug, name, bio } = author
        const links = (author.links ?? []).map(({ label, url }) => ({ label, url }))
        const record = { id, slug, name, bio, photoId: author.photo?.id ?? null, links }
        yield { collection: 'authors', record, files: [] }
      }
      for await (const tag of chunks((window) => stores.tags.list(window))) {
        yield {
          collection: 'tags',
          record: { id: tag.id, slug: tag.slug, name: tag.name },
          files: [],
        }
      }
      for (const user of await stores.users.list()) {
        const { id, email, displayName, role, active, authorId } = user
        const record = {
          id,
          email,
          displayName,
          role,
          active,
          authorId,
          createdAt: user.createdAt.toISOString(),
        }
        yield { collection: 'users', record, files: [] }
      }
      for await (const item of chunks((window) => stores.media.search('', window))) {
        const key = originalKey(item.contentHash)
        const record = mediaOf(item)
        yield {
          collection: 'media',
          record,
          files: [{ path: record.file, bytes: () => storage.get(key) }],
        }
      }
      for await (const summary of chunks((window) => stores.articles.listForNewsroom({}, window))) {
        const article = await stores.articles.findById(summary.id)
        if (article) yield await articleOf(article)
      }
      for (const thread of await stores.threads.list()) {
        const { id, slug, title, description } = thread
        const articleIds = await stores.threads.articleIds(id)
        yield {
          collection: 'threads',
          record: { id, slug, title, description, articleIds },
          files: [],
        }
      }
      for (const record of await stores.redirects.all()) {
        yield { collection: 'redirects', record, files: [] }
      }
      for (const page of await stores.pages.list()) {
        yield { collection: 'pages', record: await pageOf(stores, page), files: [] }
      }
      for (const record of await menuItems(stores)) {
        yield { collection: 'menus', record, files: [] }
      }
      for (const record of await placements(stores)) {
        yield { collection: 'placements', record, files: [] }
      }
      for (const record of await banners(stores)) {
        yield { collection: 'banners', record, files: [] }
      }
    },
  }
}
