import type {
  AttemptCounterStore,
  SessionStore,
  TwoFactorStore,
  UserStore,
} from './accounts/account-stores.js'
import type { ArticleStore } from './articles/article-store.js'
import type { RevisionStore } from './articles/revision.js'
import type { AuditStore } from './audit/audit.js'
import type { BanStore, CommentStore } from './comments/comment-store.js'
import type { SettingsStore } from './settings/settings-store.js'
import type { AuthorStore } from './people/author-store.js'
import type { SectionStore } from './sections/section-store.js'
import type { TagStore } from './tags/tag-store.js'
import type { ThreadStore } from './threads/thread-store.js'
import type { RelatedStore } from './related/related-store.js'
import type { StoryStore } from './stories/story-store.js'
import type { MediaStore } from './media/media-store.js'
import type { PreviewLinkStore } from './previews/preview-store.js'
import type { RedirectStore } from './redirects/redirect-store.js'
import type { ImportSourceStore } from './imports/import-source-store.js'
import type { FrontPageStore } from './front-page/front-page-store.js'
import type { PageStore } from './pages/page-store.js'
import type { MenuStore } from './menus/menu-store.js'
import type { WebhookStore } from './webhooks/webhook-store.js'
import type { ApiTokenStore } from './api-tokens/api-token-store.js'

/** Every store the services use. */
export interface Stores {
  sections: SectionStore
  authors: AuthorStore
  tags: TagStore
  articles: ArticleStore
  revisions: RevisionStore
  users: UserStore
  sessions: SessionStore
  signInAttempts: AttemptCounterStore
  twoFactor: TwoFactorStore
  audit: AuditStore
  comments: CommentStore
  bans: BanStore
  settings: SettingsStore
  threads: ThreadStore
  related: RelatedStore
  /** Article pages' stories as rendered, and whether they are current. */
  stories: StoryStore
  media: MediaStore
  previewLinks: PreviewLinkStore
  redirects: RedirectStore
  importSources: ImportSourceStore
  frontPage: FrontPageStore
  pages: PageStore
  menus: MenuStore
  /** Endpoints and the outbox: enqueued in the transaction of the change it tells of. */
  webhooks: WebhookStore
  apiTokens: ApiTokenStore
}

/**
 * The stores plus a way to run several writes atomically. Services open
 * transactions; storage/ implements this over Kysely.
 */
export interface UnitOfWork extends Stores {
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>
  /**
   * One transaction for many units of work, each in its own savepoint: a unit
   * that throws undoes only itself. One commit, and so one sync to disk, for
   * the lot; nothing is acknowledged before it.
   */
  batch<T>(
    work: (unit: <R>(fn: (stores: Stores) => Promise<R>) => Promise<R>) => Promise<T>,
  ): Promise<T>
}
