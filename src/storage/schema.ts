import type { Generated, Selectable } from 'kysely'
import type { ArticleLastModified, NullableTime, Time } from './schema-columns.js'
import type { MediaItemTable, MediaRenditionTable, MediaUsageTable } from './schema-media.js'
import type {
  FrontPageBannerTable,
  FrontPagePlacementTable,
  FrontPageSectionTable,
} from './schema-front-page.js'

import type { RedirectTable } from './schema-redirects.js'
import type { MenuItemTable, PageRevisionTable, PageTable } from './schema-site.js'
import type { ApiRateWindowTable, ApiTokenTable } from './schema-api.js'
import type { WebhookTables } from './schema-webhooks.js'

export type { MediaItemTable, MediaRenditionTable, MediaUsageTable, RedirectTable }
export type { MenuItemTable, PageRevisionTable, PageTable }

export interface SectionTable {
  id: string
  slug: string
  name: string
  position: number
  created_at: Time
  updated_at: Time
}

export interface AuthorTable {
  id: string
  slug: string
  name: string
  bio: string
  /** The author's photo, from the media library. */
  photo_id: string | null
  /** JSON array of { label, url }. */
  links: Generated<string>
  created_at: Time
  updated_at: Time
}

export interface TagTable {
  id: string
  slug: string
  name: string
  created_at: Time
}

export interface ArticleTable {
  id: string
  slug: string
  headline: string
  standfirst: string
  dateline: string
  body: string
  /** JSON array of strings. */
  key_points: string
  brief: string
  section_id: string
  /** One of the domain's ArticleStatus values; the domain enforces which. */
  status: string
  published_at: NullableTime
  created_at: Time
  updated_at: Time
  version: number
  import_key: string | null
  created_by: string | null
  scheduled_for: NullableTime
  comment_mode: string
  /** The picture shown above the story, from the media library. */
  lead_image_id: string | null
  /** The search and sharing words; '' for the default. */
  meta_title: Generated<string>
  meta_description: Generated<string>
  social_title: Generated<string>
  social_description: Generated<string>
  /** The picture shares show instead of the lead image. */
  social_image_id: string | null
}

export interface ArticleAuthorTable extends ArticleLastModified {
  article_id: string
  author_id: string
  position: number
}

export interface ArticleTagTable extends ArticleLastModified {
  article_id: string
  tag_id: string
  position: number
}

export interface UserTable {
  id: string
  email: string
  display_name: string
  role: string
  author_id: string | null
  password_hash: string
  /** 1 or 0: SQLite has no boolean. */
  active: number
  created_at: Time
  updated_at: Time
}

export interface SessionTable {
  id: string
  user_id: string
  created_at: Time
  last_seen_at: Time
  expires_at: Time
  /** When the password was last given; null for sessions from before it was kept (then created_at). */
  authenticated_at: NullableTime
  /** 1 while the second factor is still to come. */
  second_factor_pending: number
}

/** Sign-in attempts per key (account, device, address) per 15-minute window. */
export interface SignInAttemptTable {
  key: string
  window_start: Time
  count: number
}

export interface TwoFactorTable {
  user_id: string
  sealed_secret: string
  confirmed_at: NullableTime
  last_step: number | null
  created_at: Time
}

export interface RecoveryCodeTable {
  id: string
  user_id: string
  code_hash: string
  used_at: NullableTime
  created_at: Time
}

export interface ArticleRevisionTable {
  id: string
  article_id: string
  version: number
  created_at: Time
  created_by: string | null
  created_by_name: string
  note: string
  /** JSON: RevisionFields. */
  fields: string
}

export interface CorrectionTable {
  id: string
  article_id: string
  note: string
  created_at: Time
  created_by: string | null
}

export interface AuditEventTable {
  id: string
  at: Time
  actor_id: string | null
  actor_name: string
  action: string
  subject: string
  details: string
}

export interface CommentTable {
  id: string
  article_id: string
  parent_id: string | null
  author_name: string
  body: string
  status: string
  created_at: Time
  moderated_at: NullableTime
  moderated_by: string | null
  email_hash: string | null
  network_hash: string
  body_hash: string
  /** The keyed hash of the commenter id in the reader's signed cookie; null for direct adds. */
  commenter_hash: string | null
  /** Day-long buckets twelve hours apart, under unique indexes; null once moderated, or for direct adds. */
  duplicate_day: number | null
  duplicate_half_day: number | null
}

/** Comment attempts per network in each rate-limit window. */
export interface CommentRateWindowTable {
  network_hash: string
  window_number: number
  attempts: number
}

export interface CommentBanTable {
  id: string
  kind: string
  value_hash: string
  created_at: Time
  created_by: string
}

export interface SiteSettingTable {
  key: string
  value: string
}

export interface ThreadTable {
  id: string
  slug: string
  title: string
  description: string
  created_at: Time
  updated_at: Time
  created_by: string | null
}

export interface ThreadArticleTable {
  thread_id: string
  article_id: string
  position: number
}

/** Related coverage as last computed for a published article (domain/related). */
export interface RelatedListTable {
  article_id: string
  /** The related articles' ids, best first, as a JSON list. */
  related_ids: string
  /**
   * The related coverage box rendered from this list, and what says whether it
   * is still true (migration 2026-12-07T1500): all null when none is kept.
   */
  box_stamp: string | null
  box_site_generation: number | null
  /** The listed stories' `id:generation` pairs, in id order, when it was rendered. */
  box_listed: string | null
  /** The stories it shows, as a JSON list. */
  box_ids: string | null
  box_html: string | null
}

/**
 * How often what a kept story shows has changed: per article (its id) and for
 * the whole site (''). Moved by triggers (migration 2026-12-07T0700).
 */
export interface RenderGenerationTable {
  scope: string
  generation: number
}

/** An article page's story as rendered, with the generations it was rendered at. */
export interface ArticleRenderTable {
  article_id: string
  generation: number
  site_generation: number
  /** What rendered it: the code and the site's settings. */
  stamp: string
  /** JSON: what the page needs of the article beyond its rendered parts. */
  meta: string
  top: string
  footer: string
}

/**
 * The search index's copy of a published article (storage/search-index.ts
 * writes it). SQLite adds an integer `doc_id` key for its FTS5 table,
 * PostgreSQL a generated `document` tsvector; queries name those in raw SQL.
 */
export interface ArticleSearchTable {
  article_id: string
  /** When the article was published: search results are newest first among equals. */
  published_at: Date | string
  headline: string
  /** The headline's words, normalised (domain/search, wordKey): exact headline matches rank first. */
  headline_key: string
  standfirst: string
  body: string
  bylines: string
  tags: string
}

/** A preview link: the SHA-256 of its token, never the token. */
export interface PreviewLinkTable {
  id: string
  token_hash: string
  article_id: string
  created_by: string | null
  created_at: Time
  expires_at: Time
  revoked_at: NullableTime
}

/** Where an imported article came from: its source's identity across runs. */
export interface ImportSourceTable {
  source_key: string
  article_id: string
}

export interface Database extends WebhookTables {
  sections: SectionTable
  authors: AuthorTable
  tags: TagTable
  articles: ArticleTable
  article_authors: ArticleAuthorTable
  article_tags: ArticleTagTable
  users: UserTable
  sessions: SessionTable
  preview_links: PreviewLinkTable
  sign_in_attempts: SignInAttemptTable
  two_factor: TwoFactorTable
  recovery_codes: RecoveryCodeTable
  article_revisions: ArticleRevisionTable
  corrections: CorrectionTable
  audit_events: AuditEventTable
  comments: CommentTable
  comment_bans: CommentBanTable
  comment_rate_windows: CommentRateWindowTable
  site_settings: SiteSettingTable
  article_search: ArticleSearchTable
  threads: ThreadTable
  thread_articles: ThreadArticleTable
  related_lists: RelatedListTable
  render_generations: RenderGenerationTable
  article_renders: ArticleRenderTable
  media_items: MediaItemTable
  media_renditions: MediaRenditionTable
  media_usages: MediaUsageTable
  redirects: RedirectTable
  import_sources: ImportSourceTable
  front_page_placements: FrontPagePlacementTable
  front_page_banner: FrontPageBannerTable
  front_page_sections: FrontPageSectionTable
  pages: PageTable
  page_revisions: PageRevisionTable
  menu_items: MenuItemTable
  api_rate_windows: ApiRateWindowTable
  api_tokens: ApiTokenTable
}

export type ArticleRow = Selectable<ArticleTable>
