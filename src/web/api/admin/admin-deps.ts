import type { ApiTokenService } from '../../../domain/api-tokens/api-token-service.js'
import type { EditingService } from '../../../domain/articles/editing-service.js'
import type { CommentService } from '../../../domain/comments/comment-service.js'
import type { MediaService } from '../../../domain/media/media-service.js'
import type { MenuService } from '../../../domain/menus/menu-service.js'
import type { PageService } from '../../../domain/pages/page-service.js'
import type { AuthorEditing } from '../../../domain/people/author-editing.js'
import type { AuthorService } from '../../../domain/people/author-service.js'
import type { RedirectService } from '../../../domain/redirects/redirect-service.js'
import type { SectionService } from '../../../domain/sections/section-service.js'
import type { TagService } from '../../../domain/tags/tag-service.js'
import type { ThreadService } from '../../../domain/threads/thread-service.js'
import type { ApiSite } from '../api-json.js'

/** The newsroom's own services: a token acts through exactly what a session would. */
export interface AdminApiDeps {
  services: {
    apiTokens: ApiTokenService
    editing: EditingService
    media: MediaService
    sections: SectionService
    tags: TagService
    authors: AuthorService
    authorEditing: AuthorEditing
    threads: ThreadService
    comments: CommentService
    redirects: RedirectService
    pages: PageService
    menus: MenuService
  }
  site: ApiSite
}
