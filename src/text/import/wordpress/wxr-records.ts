// The parts of a WXR item every reader step needs: its post meta, its terms,
// its comments, its dates, and the attachments it may show.
import { htmlToPlainText } from '../../html-to-markdown.js'
import type { ImportComment } from '../import-item.js'
import type { AttachmentInfo } from './wordpress-content.js'
import { childText, childrenNamed, type XmlNode } from './wxr-parse.js'

/** An item's post meta: key → value (the last one written wins). */
export function postMetaOf(item: XmlNode): Map<string, string> {
  const meta = new Map<string, string>()
  for (const entry of childrenNamed(item, 'wp:postmeta')) {
    meta.set(childText(entry, 'wp:meta_key'), childText(entry, 'wp:meta_value'))
  }
  return meta
}

/** Terms of one taxonomy ('category', 'post_tag', 'author' for Co-Authors Plus), in order. */
export function termsOf(item: XmlNode, domain: string): { name: string; slug: string }[] {
  return childrenNamed(item, 'category')
    .filter((term) => term.attributes['domain'] === domain)
    .map((term) => ({ name: term.text.trim(), slug: term.attributes['nicename'] ?? '' }))
    .filter((term) => term.name !== '')
}

/** A WordPress GMT date ("2026-12-01 09:30:00"); null for none or WordPress's zero date. */
export function gmtDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim())
  if (!match || text.startsWith('0000')) return null
  const [, y, mo, d, h, mi, s] = match.map(Number)
  const date = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0))
  return Number.isNaN(date.getTime()) ? null : date
}

/** The attachment an item describes, for featured images, galleries and inline pictures. */
export function attachmentOf(item: XmlNode): AttachmentInfo & { id: string } {
  const meta = postMetaOf(item)
  return {
    id: childText(item, 'wp:post_id').trim(),
    url: childText(item, 'wp:attachment_url').trim() || childText(item, 'guid').trim(),
    alt: (meta.get('_wp_attachment_image_alt') ?? '').trim(),
    caption: htmlToPlainText(childText(item, 'excerpt:encoded')),
    title: childText(item, 'title').trim(),
  }
}

/** A picture's address without WordPress's size suffix (photo-300x200.jpg → photo.jpg). */
export function withoutSizeSuffix(url: string): string {
  return url.replace(/-\d+x\d+(\.[a-z0-9]+)(?=$|[?#])/i, '$1')
}

/**
 * The comments readers wrote: approved and pending ones, in order; spam,
 * trash, pingbacks and trackbacks are dropped and counted.
 */
export function commentsOf(item: XmlNode): { comments: ImportComment[]; dropped: number } {
  const comments: ImportComment[] = []
  let dropped = 0
  for (const entry of childrenNamed(item, 'wp:comment')) {
    const approved = childText(entry, 'wp:comment_approved').trim()
    const type = childText(entry, 'wp:comment_type').trim()
    const status = approved === '1' ? 'approved' : approved === '0' ? 'pending' : undefined
    const createdAt =
      gmtDate(childText(entry, 'wp:comment_date_gmt')) ??
      gmtDate(childText(entry, 'wp:comment_date'))
    if (!status || (type !== '' && type !== 'comment') || !createdAt) {
      dropped++
      continue
    }
    const parent = childText(entry, 'wp:comment_parent').trim()
    comments.push({
      sourceId: childText(entry, 'wp:comment_id').trim(),
      parentSourceId: parent === '' || parent === '0' ? null : parent,
      authorName: childText(entry, 'wp:comment_author').trim() || 'Anonymous',
      body: htmlToPlainText(childText(entry, 'wp:comment_content')),
      status,
      createdAt,
    })
  }
  return { comments, dropped }
}

/** The path (and query) of an address, as the site's readers requested it. */
export function pathOf(address: string): string | undefined {
  if (!URL.canParse(address)) return undefined
  const url = new URL(address)
  return `${url.pathname}${url.search}`
}
