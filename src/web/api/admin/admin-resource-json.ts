// The Admin API's answers for the newsroom's other things: each the fields a
// client needs, times in the site's zone, and never who-did-what internals.
import type { StoryThread } from '../../../domain/threads/thread.js'
import type { QueuedComment } from '../../../domain/comments/comment-store.js'
import type { MediaItem } from '../../../domain/media/media.js'
import type { Page } from '../../../domain/pages/page.js'
import type { Author } from '../../../domain/people/author.js'
import type { Redirect } from '../../../domain/redirects/redirect.js'
import type { Section } from '../../../domain/sections/section.js'
import { isoInZone, type ApiSite } from '../api-json.js'

export function mediaJson(site: ApiSite, item: MediaItem) {
  return {
    id: item.id,
    fileName: item.fileName,
    format: item.format,
    width: item.width,
    height: item.height,
    byteSize: item.byteSize,
    alt: item.alt,
    decorative: item.decorative,
    caption: item.caption,
    credit: item.credit,
    version: item.version,
    createdAt: isoInZone(item.createdAt, site.timeZone),
    updatedAt: isoInZone(item.updatedAt, site.timeZone),
  }
}

export const sectionJson = (section: Section) => ({
  slug: section.slug,
  name: section.name,
  position: section.position,
})

export const authorAdminJson = (author: Author) => ({
  slug: author.slug,
  name: author.name,
  bio: author.bio,
  links: author.links ?? [],
  photo: author.photo?.id ?? null,
})

export const threadAdminJson = (site: ApiSite, thread: StoryThread) => ({
  slug: thread.slug,
  title: thread.title,
  description: thread.description,
  createdAt: isoInZone(thread.createdAt, site.timeZone),
  updatedAt: isoInZone(thread.updatedAt, site.timeZone),
})

export const commentAdminJson = (site: ApiSite, comment: QueuedComment) => ({
  id: comment.id,
  status: comment.status,
  authorName: comment.authorName,
  body: comment.body,
  parentId: comment.parentId,
  article: { id: comment.article.id, headline: comment.article.headline },
  createdAt: isoInZone(comment.createdAt, site.timeZone),
  moderatedAt: comment.moderatedAt && isoInZone(comment.moderatedAt, site.timeZone),
})

export const redirectJson = (site: ApiSite, redirect: Redirect) => ({
  from: redirect.from,
  to: redirect.to,
  source: redirect.source,
  updatedAt: isoInZone(redirect.updatedAt, site.timeZone),
})

export const pageAdminJson = (site: ApiSite, page: Page) => ({
  id: page.id,
  slug: page.slug,
  title: page.title,
  description: page.description,
  body: page.body,
  published: page.published,
  version: page.version,
  updatedAt: isoInZone(page.updatedAt, site.timeZone),
})
