// The Ghost reader: a JSON export from Ghost 2 to 5 → import items. Posts
// and pages, their authors and tags in order (the primary tag first), the
// feature image, the custom excerpt, the meta and social fields; the html
// field as Markdown (mobiledoc or lexical only when there is no html).
import { htmlToMarkdown } from '../../html-to-markdown.js'
import {
  ImportSourceError,
  importImageAddress,
  type ImportStory,
  type ImportImage,
  type ImportItem,
  type ImportReader,
  type ImportStatus,
} from '../import-item.js'
import { parseGhostExport, type GhostData, type GhostRow } from './ghost-export.js'
import { documentToHtml } from './ghost-documents.js'

const STATUSES: Record<string, ImportStatus> = {
  published: 'published',
  scheduled: 'scheduled',
  draft: 'draft',
}

const text = (row: GhostRow | undefined, field: string): string => {
  const value = row?.[field]
  return typeof value === 'string' ? value : ''
}

/** A Ghost date: ISO 8601, or "2019-01-01 10:00:00" (UTC) in older exports; null when none. */
function dateOf(value: unknown): Date | null {
  if (typeof value === 'number') return new Date(value)
  if (typeof value !== 'string' || value === '') return null
  const date = new Date(/^\d{4}-\d{2}-\d{2} \d/.test(value) ? `${value.replace(' ', 'T')}Z` : value)
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * Where an image's file is in a copy of content/images (the size variant
 * Ghost serves stands for its original); null when it is not under Ghost's
 * images folder (another host: never fetched).
 */
export function ghostImageFile(address: string): string | null {
  const local = address.replace(/^__GHOST_URL__/, '')
  if (!URL.canParse(local, 'http://ghost.invalid')) return null
  const path = decodeURIComponent(new URL(local, 'http://ghost.invalid').pathname)
  // Older exports name the site's own host; the export does not say which that was.
  if (!path.startsWith('/content/images/')) return null
  return path.slice('/content/images/'.length).replace(/^size\/w\d+(?:h\d+)?\//, '')
}

/** Rows of a join table for one post, in their sort order. */
function joined(rows: readonly GhostRow[], postId: string, key: string): string[] {
  return rows
    .filter((row) => row['post_id'] === postId)
    .sort((a, b) => Number(a['sort_order'] ?? 0) - Number(b['sort_order'] ?? 0))
    .map((row) => String(row[key]))
}

function articleOf(data: GhostData, post: GhostRow): ImportItem {
  const id = String(post['id'])
  const type =
    post['type'] === 'page' || post['page'] === true || post['page'] === 1 ? 'page' : 'post'
  const title = text(post, 'title') || '(untitled)'
  const label = `${type} ${text(post, 'slug') || id} "${title.slice(0, 80)}"`
  const rawStatus = text(post, 'status')
  const status = STATUSES[rawStatus]
  if (!status) return { kind: 'skipped', name: label, reason: `its status is "${rawStatus}"` }
  const warnings: string[] = []
  const meta = data.postsMeta.get(id)
  const field = (name: string) => text(meta, name) || text(post, name)

  const authorIds = joined(data.postsAuthors, id, 'author_id')
  const soleAuthor = post['author_id']
  if (
    authorIds.length === 0 &&
    (typeof soleAuthor === 'string' || typeof soleAuthor === 'number')
  ) {
    authorIds.push(String(soleAuthor))
  }
  const bylines = authorIds
    .map((authorId) => text(data.users.get(authorId), 'name'))
    .filter((name) => name !== '')
  const tags = joined(data.postsTags, id, 'tag_id')
    .map((tagId) => data.tags.get(tagId))
    .filter((tag) => tag !== undefined && text(tag, 'visibility') !== 'internal')
    .map((tag) => text(tag, 'name'))
    .filter((name) => name !== '' && !name.startsWith('#'))

  const images: ImportImage[] = []
  const html = text(post, 'html') || documentToHtml(post, warnings)
  const body = htmlToMarkdown(html, {
    image: ({ src, alt, title: imageTitle, caption }) => {
      if (!src) return null
      images.push({ source: src, file: ghostImageFile(src), alt, caption, title: imageTitle })
      return importImageAddress(images.length - 1)
    },
  })
  const feature = text(post, 'feature_image')
  const published = dateOf(post['published_at'])
  const article: ImportStory = {
    kind: 'story',
    type,
    sourceKey: `ghost:${id}`,
    name: label,
    title,
    slug: text(post, 'slug'),
    status,
    publishedAt: status === 'draft' ? null : published,
    bylines,
    sectionNames: tags.slice(0, 1),
    tags,
    standfirst: text(post, 'custom_excerpt'),
    body,
    images,
    featuredImage: feature
      ? {
          source: feature,
          file: ghostImageFile(feature),
          alt: field('feature_image_alt'),
          caption: htmlToMarkdown(field('feature_image_caption')).replace(/[*_[\]\\]/g, ''),
          title: '',
        }
      : null,
    seo: {
      metaTitle: field('meta_title'),
      metaDescription: field('meta_description'),
      socialTitle: field('og_title') || field('twitter_title'),
      socialDescription: field('og_description') || field('twitter_description'),
    },
    oldAddresses: text(post, 'slug') ? [`/${text(post, 'slug')}/`] : [],
    comments: [],
    warnings,
  }
  return article
}

/** Reads a Ghost JSON export (Ghost 2 to 5); throws ImportSourceError for a file it cannot read. */
export const readGhostExport: ImportReader = async function* (open) {
  const data = parseGhostExport(await readWhole(open))
  for (const [id, user] of data.users) {
    yield { kind: 'author', sourceId: id, displayName: text(user, 'name') || text(user, 'slug') }
  }
  for (const post of data.posts) yield articleOf(data, post)
}

/** Ghost exports are one JSON document: read whole, up to a size no Ghost site's text reaches. */
export const MAX_GHOST_EXPORT_BYTES = 256 * 1024 * 1024

async function readWhole(open: () => AsyncIterable<string | Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = []
  let size = 0
  const encoder = new TextEncoder()
  for await (const chunk of open()) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk
    size += bytes.length
    if (size > MAX_GHOST_EXPORT_BYTES) {
      throw new ImportSourceError(
        `The file is larger than ${MAX_GHOST_EXPORT_BYTES / 1024 / 1024} MB; no Ghost export is.`,
      )
    }
    parts.push(bytes)
  }
  const all = new Uint8Array(size)
  let at = 0
  for (const part of parts) {
    all.set(part, at)
    at += part.length
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all)
  } catch {
    throw new ImportSourceError('The file is not UTF-8 text.')
  }
}
