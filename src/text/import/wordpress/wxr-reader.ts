// The WordPress reader: a WXR 1.0–1.2 file → import items, in two streaming
// passes. The first reads the whole file, so that a file that is not
// well-formed yields nothing at all, and keeps what posts refer to (authors,
// attachments); the second yields the posts and pages one by one.
import { htmlToMarkdown, htmlToPlainText, type HtmlImage } from '../../html-to-markdown.js'
import {
  ImportSourceError,
  importImageAddress,
  type ImportStory,
  type ImportImage,
  type ImportItem,
  type ImportReader,
  type ImportStatus,
  type OpenSource,
} from '../import-item.js'
import { wordpressContentToHtml, type AttachmentInfo } from './wordpress-content.js'
import { childText, readWxr, type WxrHeader, type XmlNode } from './wxr-parse.js'
import {
  attachmentOf,
  commentsOf,
  gmtDate,
  pathOf,
  postMetaOf,
  termsOf,
  withoutSizeSuffix,
} from './wxr-records.js'

/** What the first pass keeps: small, however large the file. */
interface WxrIndex {
  header: WxrHeader
  /** Login → display name, in the export's order. */
  authors: Map<string, string>
  attachments: Map<string, AttachmentInfo>
  /** An attachment's address (and its address without a size suffix) → its id. */
  attachmentByUrl: Map<string, string>
}

const STATUSES: Record<string, ImportStatus> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'in_review',
  private: 'draft',
}

/** WordPress's own records (menus, templates, revisions…): never articles, never reported. */
const INTERNAL_TYPES = new Set([
  'attachment',
  'revision',
  'nav_menu_item',
  'wp_navigation',
  'wp_template',
  'wp_template_part',
  'wp_global_styles',
  'wp_block',
  'custom_css',
  'customize_changeset',
  'oembed_cache',
  'user_request',
])

function isHeader(entry: unknown): entry is WxrHeader {
  return typeof entry === 'object' && entry !== null && 'version' in entry
}

async function indexOf(open: OpenSource): Promise<WxrIndex> {
  let header: WxrHeader | undefined
  const authors = new Map<string, string>()
  const attachments = new Map<string, AttachmentInfo>()
  const attachmentByUrl = new Map<string, string>()
  for await (const entry of readWxr(open)) {
    if (isHeader(entry)) header = entry
    else if ('node' in entry && entry.node.name === 'wp:author') {
      const login = childText(entry.node, 'wp:author_login').trim()
      const name = childText(entry.node, 'wp:author_display_name').trim() || login
      if (login) authors.set(login, name)
    } else if ('node' in entry && entry.node.name === 'item') {
      if (childText(entry.node, 'wp:post_type').trim() !== 'attachment') continue
      const { id, ...info } = attachmentOf(entry.node)
      attachments.set(id, info)
      attachmentByUrl.set(info.url, id)
    }
  }
  if (!header) throw new ImportSourceError('There is no WordPress export in this file.')
  return { header, authors, attachments, attachmentByUrl }
}

/**
 * Where a picture's file is in a copy of wp-content/uploads; null when it is
 * on another host (never fetched).
 */
export function uploadFileOf(address: string, siteUrl: string): string | null {
  if (!URL.canParse(address, siteUrl || undefined)) return null
  const url = new URL(address, siteUrl || undefined)
  const site = URL.canParse(siteUrl) ? new URL(siteUrl) : undefined
  if (site && url.host !== site.host) return null
  const path = decodeURIComponent(url.pathname)
  const at = path.indexOf('/wp-content/uploads/')
  return at >= 0 ? path.slice(at + '/wp-content/uploads/'.length) : path.replace(/^\/+/, '')
}

/** A picture's words, completed from its attachment where the post's own markup has none. */
function imageOf(index: WxrIndex, image: HtmlImage): ImportImage {
  const id =
    index.attachmentByUrl.get(image.src) ?? index.attachmentByUrl.get(withoutSizeSuffix(image.src))
  const attachment = id === undefined ? undefined : index.attachments.get(id)
  // A resized copy (photo-300x200.jpg) stands for its original, which the library makes its own sizes from.
  const original = attachment?.url ?? image.src
  return {
    source: image.src,
    file: uploadFileOf(original, index.header.siteUrl),
    alt: image.alt || attachment?.alt || '',
    caption: image.caption || attachment?.caption || '',
    title: image.title || attachment?.title || '',
  }
}

function addressesOf(item: XmlNode, siteUrl: string, type: string, id: string): string[] {
  const base = pathOf(siteUrl)?.replace(/\/$/, '') ?? ''
  const permalink = pathOf(childText(item, 'link').trim())
  const byId = type === 'page' ? `${base}/?page_id=${id}` : `${base}/?p=${id}`
  return [...new Set([permalink, byId].filter((a): a is string => a !== undefined && a !== '/'))]
}

function articleOf(index: WxrIndex, item: XmlNode, type: 'post' | 'page'): ImportItem {
  const id = childText(item, 'wp:post_id').trim()
  const title = htmlToPlainText(childText(item, 'title')) || '(untitled)'
  const label = `${type} ${id} "${title.slice(0, 80)}"`
  const rawStatus = childText(item, 'wp:status').trim()
  const status = STATUSES[rawStatus]
  if (!status) return { kind: 'skipped', name: label, reason: `its status is "${rawStatus}"` }
  const warnings: string[] = []
  if (rawStatus === 'private') warnings.push('It was private in WordPress: imported as a draft.')
  if (childText(item, 'wp:post_password') !== '') {
    warnings.push('It had a password in WordPress; the password was not kept.')
  }
  const meta = postMetaOf(item)
  const images: ImportImage[] = []
  const html = wordpressContentToHtml(
    childText(item, 'content:encoded'),
    index.attachments,
    warnings,
  )
  const body = htmlToMarkdown(html, {
    image: (image) => {
      if (!image.src) return null
      return importImageAddress(images.push(imageOf(index, image)) - 1)
    },
  })
  const coAuthors = termsOf(item, 'author').map((term) => term.name)
  const logins = coAuthors.length > 0 ? coAuthors : [childText(item, 'dc:creator').trim()]
  const bylines = logins.filter((login) => login !== '').map((l) => index.authors.get(l) ?? l)
  const thumbnail = index.attachments.get(meta.get('_thumbnail_id') ?? '')
  const { comments, dropped } = commentsOf(item)
  if (dropped > 0) warnings.push(`${dropped} spam, deleted or ping comments were left out.`)
  const published =
    gmtDate(childText(item, 'wp:post_date_gmt')) ??
    (status === 'published' || status === 'scheduled'
      ? gmtDate(childText(item, 'wp:post_date'))
      : null)
  const article: ImportStory = {
    kind: 'story',
    type,
    sourceKey: `wordpress:${index.header.siteUrl}:${id}`,
    name: label,
    title,
    slug: decodeURIComponent(childText(item, 'wp:post_name').trim()),
    status,
    publishedAt: status === 'draft' || status === 'in_review' ? null : published,
    bylines,
    sectionNames: termsOf(item, 'category')
      .filter((term) => term.slug !== 'uncategorized')
      .map((term) => term.name),
    tags: termsOf(item, 'post_tag').map((term) => term.name),
    standfirst: htmlToPlainText(childText(item, 'excerpt:encoded')),
    body,
    images,
    featuredImage: thumbnail
      ? {
          source: thumbnail.url,
          file: uploadFileOf(thumbnail.url, index.header.siteUrl),
          ...thumbnail,
        }
      : null,
    seo: {
      metaTitle: meta.get('_yoast_wpseo_title') ?? '',
      metaDescription: meta.get('_yoast_wpseo_metadesc') ?? '',
      socialTitle: meta.get('_yoast_wpseo_opengraph-title') ?? '',
      socialDescription: meta.get('_yoast_wpseo_opengraph-description') ?? '',
    },
    oldAddresses: addressesOf(item, index.header.siteUrl, type, id),
    comments,
    warnings,
  }
  return article
}

/** Reads a WordPress WXR export (1.0–1.2); throws ImportSourceError for a file it cannot read. */
export const readWordpressExport: ImportReader = async function* (open) {
  const index = await indexOf(open)
  for (const [login, displayName] of index.authors) {
    yield { kind: 'author', sourceId: login, displayName }
  }
  for await (const entry of readWxr(open)) {
    if (isHeader(entry)) continue
    if ('tooLarge' in entry) {
      yield {
        kind: 'skipped',
        name: `an <${entry.tooLarge.name}>`,
        reason: `it holds more than ${Math.round(entry.tooLarge.chars / 1_000_000)} million characters`,
      }
      continue
    }
    if (entry.node.name !== 'item') continue
    const type = childText(entry.node, 'wp:post_type').trim() || 'post'
    if (type === 'post' || type === 'page') yield articleOf(index, entry.node, type)
    else if (!INTERNAL_TYPES.has(type)) {
      yield {
        kind: 'skipped',
        name: `${type} ${childText(entry.node, 'wp:post_id').trim()}`,
        reason: `"${type}" is a type of content a plugin added; only posts and pages are imported`,
      }
    }
  }
}
