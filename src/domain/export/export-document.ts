// The Dateline export: one JSON document describing the whole site, beside
// the media originals and every article in the plain-text archive form. Its
// schema is schemas/dateline-export-1.schema.json; a change to these shapes
// changes that file and, when old readers would misread it, the version.
import type { ArticleCommentMode } from '../comments/comment-policy.js'
import type { CommentStatus } from '../comments/comment.js'
import type { ArticleStatus } from '../articles/article.js'
import type { RevisionFields } from '../articles/revision.js'
import type { ArticleSeo } from '../articles/article-seo.js'
import type { Role } from '../accounts/user.js'
import type { RedirectSource } from '../redirects/redirect.js'

export const EXPORT_FORMAT = 'dateline-export'
export const EXPORT_VERSION = 1

/** Collections in the order they are written: each refers only to those before it. */
export const EXPORT_COLLECTIONS = [
  'sections',
  'authors',
  'tags',
  'users',
  'media',
  'articles',
  'threads',
  'redirects',
] as const

export type ExportCollection = (typeof EXPORT_COLLECTIONS)[number]

export interface ExportedSection {
  id: string
  slug: string
  name: string
  position: number
}

export interface ExportedAuthor {
  id: string
  slug: string
  name: string
  bio: string
  photoId: string | null
}

export interface ExportedTag {
  id: string
  slug: string
  name: string
}

/** Staff, without anything that signs in: no password hash, no sessions, no second factor. */
export interface ExportedUser {
  id: string
  email: string
  displayName: string
  role: Role
  active: boolean
  authorId: string | null
  createdAt: string
}

export interface ExportedMedia {
  id: string
  /** The original's path inside the export folder. */
  file: string
  fileName: string
  contentHash: string
  format: string
  width: number
  height: number
  byteSize: number
  alt: string
  decorative: boolean
  caption: string
  credit: string
  copyright: string
  focalPoint: { x: number; y: number }
  createdAt: string
}

export interface ExportedComment {
  id: string
  parentId: string | null
  name: string
  body: string
  status: CommentStatus
  createdAt: string
}

export interface ExportedRevision {
  version: number
  createdAt: string
  createdByName: string
  note: string
  fields: RevisionFields
}

export interface ExportedArticle {
  id: string
  slug: string
  headline: string
  standfirst: string
  dateline: string
  /** Markdown; pictures are `media:ID` references to the media collection. */
  body: string
  keyPoints: string[]
  section: string
  /** Author ids, in byline order. */
  bylines: string[]
  /** Tag ids. */
  tags: string[]
  status: ArticleStatus
  publishedAt: string | null
  scheduledFor: string | null
  createdAt: string
  updatedAt: string
  commentMode: ArticleCommentMode
  leadImageId: string | null
  socialImageId: string | null
  seo: ArticleSeo
  version: number
  corrections: Array<{ id: string; note: string; createdAt: string }>
  revisions: ExportedRevision[]
  comments: ExportedComment[]
  /** The article in the plain-text archive form, inside the export folder. */
  textFile: string
}

export interface ExportedThread {
  id: string
  slug: string
  title: string
  description: string
  /** In the thread's order. */
  articleIds: string[]
}

export interface ExportedRedirect {
  from: string
  to: string
  source: RedirectSource
}

export interface ExportRecords {
  sections: ExportedSection
  authors: ExportedAuthor
  tags: ExportedTag
  users: ExportedUser
  media: ExportedMedia
  articles: ExportedArticle
  threads: ExportedThread
  redirects: ExportedRedirect
}

/** What the export writes besides the document: files, by their path inside the export folder. */
export interface ExportFile {
  path: string
  bytes: () => Promise<Uint8Array | string | undefined>
}
