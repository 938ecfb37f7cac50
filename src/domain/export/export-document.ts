// The Dateline export: one JSON document describing the whole site, beside
// the media originals and every article in the plain-text archive form. Its
// schema is schemas/dateline-export-1.schema.json; a change to these shapes
// changes that file and, when old readers would misread it, the version.
import type { ArticleCommentMode } from '../comments/comment-policy.js'
import type { CommentStatus } from '../comments/comment.js'
import type { CommentSettings } from '../comments/comment-policy.js'
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
  'pages',
  'menus',
  'placements',
  'banners',
] as const

export type ExportCollection = (typeof EXPORT_COLLECTIONS)[number]

export interface ExportedSection {
  id: string
  slug: string
  name: string
  position: number
  /** Its block on the home page: where, and whether shown; absent in exports made before blocks were kept. */
  homeBlock?: { position: number; shown: boolean } | null
}

export interface ExportedAuthor {
  id: string
  slug: string
  name: string
  bio: string
  photoId: string | null
  /** Absent in exports made before links were kept. */
  links?: Array<{ label: string; url: string }>
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
  /** Who moderated it and when; absent in exports made before they were kept. */
  moderatedAt?: string | null
  moderatedBy?: string | null
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

export interface ExportedPage {
  id: string
  slug: string
  title: string
  description: string
  body: string
  published: boolean
  version: number
  createdAt: string
  updatedAt: string
  /** Oldest first. */
  revisions: Array<{
    version: number
    createdAt: string
    createdByName: string
    fields: { title: string; description: string; body: string; published: boolean }
  }>
}

export interface ExportedMenuItem {
  id: string
  menu: 'main' | 'footer'
  position: number
  kind: 'section' | 'page' | 'link'
  /** A section's or page's id in this document, or the link's address. */
  target: string
  label: string
}

/** A story an editor placed on the front page: position 0 is the lead, then the top stories. */
export interface ExportedPlacement {
  articleId: string
  position: number
  /** When the pin runs out; null: until an editor takes it off. Expired pins are kept as stored. */
  pinnedUntil: string | null
  placedAt: string
}

/** The breaking-news banner last raised and not lowered (expired or not): at most one record. */
export interface ExportedBanner {
  text: string
  articleId: string | null
  expiresAt: string
  raisedAt: string
}

/** The site's identity as its admin set it (name, tagline, logo, accent, language, time zone). */
export interface ExportedIdentity {
  name: string
  tagline: string
  logoId: string | null
  accent: string
  language: string
  timeZone: string
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
  pages: ExportedPage
  menus: ExportedMenuItem
  placements: ExportedPlacement
  banners: ExportedBanner
}

/** What the export writes besides the document: files, by their path inside the export folder. */
export interface ExportFile {
  path: string
  bytes: () => Promise<Uint8Array | string | undefined>
}

/** The document as a reader has it once checked against the schema. */
export interface ExportDocument {
  format: typeof EXPORT_FORMAT
  version: typeof EXPORT_VERSION
  exportedAt: string
  site: { name: string; url: string; timeZone: string }
  settings: { comments: CommentSettings; identity?: ExportedIdentity }
  sections: ExportedSection[]
  authors: ExportedAuthor[]
  tags: ExportedTag[]
  users: ExportedUser[]
  media: ExportedMedia[]
  articles: ExportedArticle[]
  threads: ExportedThread[]
  redirects: ExportedRedirect[]
  pages?: ExportedPage[]
  menus?: ExportedMenuItem[]
  /** Absent in exports made before the front page was kept: the site's arrangement is left alone. */
  placements?: ExportedPlacement[]
  /** Empty when no banner was up; absent in older exports (the site's banner is left alone). */
  banners?: ExportedBanner[]
}
