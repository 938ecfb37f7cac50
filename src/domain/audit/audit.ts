import type { Actor } from '../access/policy.js'

/** The actions the audit log records. */
export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'password_changed'
  | 'two_factor_enabled'
  | 'two_factor_disabled'
  | 'two_factor_reset'
  | 'recovery_codes_generated'
  | 'user_created'
  | 'user_updated'
  | 'role_changed'
  | 'user_deactivated'
  | 'user_reactivated'
  | 'article_published'
  | 'article_scheduled'
  | 'article_unpublished'
  | 'article_corrected'
  | 'article_deleted'
  | 'section_created'
  | 'section_renamed'
  | 'sections_reordered'
  | 'settings_changed'
  | 'comments_moderated'
  | 'commenter_banned'
  | 'thread_created'
  | 'thread_renamed'
  | 'thread_article_added'
  | 'thread_article_removed'
  | 'thread_reordered'
  | 'thread_deleted'
  | 'media_updated'
  | 'media_deleted'
  | 'author_photo_changed'
  | 'preview_link_created'
  | 'preview_link_revoked'
  | 'redirect_saved'
  | 'redirect_removed'
  | 'redirects_imported'
  | 'front_page_arranged'
  | 'front_page_banner_raised'
  | 'front_page_banner_lowered'
  | 'front_page_sections_changed'
  | 'section_deleted'
  | 'page_created'
  | 'page_saved'
  | 'page_restored'
  | 'page_deleted'
  | 'menu_changed'
  | 'author_updated'
  | 'authors_merged'
  | 'tags_merged'
  | 'site_identity_changed'
  | 'webhook_created'
  | 'webhook_updated'
  | 'webhook_deleted'
  | 'webhook_secret_rotated'
  | 'webhook_test_sent'
  | 'api_token_created'
  | 'api_token_revoked'
  | 'tag_renamed'

export interface AuditEvent {
  id: string
  at: Date
  actorId: string | null
  actorName: string
  action: AuditAction
  /** What was acted on, in words: a headline, an email, a section name. */
  subject: string
  details: string
}

export interface AuditStore {
  insert(event: AuditEvent): Promise<void>
  list(page: { limit: number; offset: number }): Promise<AuditEvent[]>
  count(): Promise<number>
}

export interface AuditEntry {
  actor: Actor
  action: AuditAction
  subject: string
  details?: string
}
