import type { ArticleService } from '../../domain/articles/article-service.js'
import type { AuthorService } from '../../domain/people/author-service.js'
import type { SectionService } from '../../domain/sections/section-service.js'
import type { CommentService } from '../../domain/comments/comment-service.js'
import type { TagService } from '../../domain/tags/tag-service.js'
import type { SiteInfo } from '../ui/site.js'

/** What the public site needs: read services and the site's settings. */
export interface PublicDeps {
  services: {
    sections: SectionService
    authors: AuthorService
    tags: TagService
    articles: ArticleService
    comments: CommentService
  }
  site: SiteInfo
}
