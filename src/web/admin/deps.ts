import type { AccountService } from '../../domain/accounts/account-service.js'
import type { TwoFactorService } from '../../domain/accounts/two-factor-service.js'
import type { ArticleService } from '../../domain/articles/article-service.js'
import type { DashboardService } from '../../domain/articles/dashboard-service.js'
import type { EditingService } from '../../domain/articles/editing-service.js'
import type { WorkflowService } from '../../domain/articles/workflow-service.js'
import type { AuditService } from '../../domain/audit/audit-service.js'
import type { AuthorService } from '../../domain/people/author-service.js'
import type { CommentService } from '../../domain/comments/comment-service.js'
import type { SectionService } from '../../domain/sections/section-service.js'
import type { SettingsService } from '../../domain/settings/settings-service.js'
import type { ThreadService } from '../../domain/threads/thread-service.js'
import type { MediaService } from '../../domain/media/media-service.js'
import type { PreviewService } from '../../domain/previews/preview-service.js'
import type { RedirectService } from '../../domain/redirects/redirect-service.js'
import type { FrontPageService } from '../../domain/front-page/front-page-service.js'
import type { PageService } from '../../domain/pages/page-service.js'
import type { MenuService } from '../../domain/menus/menu-service.js'
import type { SiteIdentityService } from '../../domain/settings/site-identity-service.js'
import type { AuthorEditing } from '../../domain/people/author-editing.js'
import type { WebhookService } from '../../domain/webhooks/webhook-service.js'
import type { ApiTokenService } from '../../domain/api-tokens/api-token-service.js'
import type { TagService } from '../../domain/tags/tag-service.js'
import type { SiteInfo } from '../ui/site.js'

/** What the newsroom needs: its services and the site's settings. */
export interface AdminDeps {
  services: {
    accounts: AccountService
    twoFactor: TwoFactorService
    articles: ArticleService
    authors: AuthorService
    dashboard: DashboardService
    editing: EditingService
    workflow: WorkflowService
    sections: SectionService
    audit: AuditService
    comments: CommentService
    settings: SettingsService
    threads: ThreadService
    media: MediaService
    previews: PreviewService
    redirects: RedirectService
    frontPage: FrontPageService
    pages: PageService
    menus: MenuService
    identity: SiteIdentityService
    authorEditing: AuthorEditing
    webhooks: WebhookService
    apiTokens: ApiTokenService
    tags: TagService
  }
  site: SiteInfo
  /** Cookies get the Secure flag when the site is served over HTTPS. */
  secureCookies: boolean
}
