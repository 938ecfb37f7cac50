import type { ArticleService } from '../../domain/articles/article-service.js'
import type { ListingService } from '../../domain/articles/listing.js'
import type { SyndicationService } from '../../domain/articles/syndication-service.js'
import type { AuthorService } from '../../domain/people/author-service.js'
import type { SectionService } from '../../domain/sections/section-service.js'
import type { CommentService } from '../../domain/comments/comment-service.js'
import type { TagService } from '../../domain/tags/tag-service.js'
import type { ThreadService } from '../../domain/threads/thread-service.js'
import type { RelatedService } from '../../domain/related/related-service.js'
import type { SearchService } from '../../domain/search/search-service.js'
import type { PreviewService } from '../../domain/previews/preview-service.js'
import type { FrontPageService } from '../../domain/front-page/front-page-service.js'
import type { PageService } from '../../domain/pages/page-service.js'
import type { MenuService } from '../../domain/menus/menu-service.js'
import type { SiteIdentityService } from '../../domain/settings/site-identity-service.js'
import type { SiteInfo } from '../ui/site.js'
import type { ArticleReads } from './article-reads.js'
import type { StoryKeeper } from './story-keeper.js'
import type { PublicReads } from './public-reads.js'

/** What the public site needs: read services and the site's settings. */
export interface PublicDeps {
  services: {
    sections: SectionService
    authors: AuthorService
    tags: TagService
    articles: ArticleService
    listings: ListingService
    comments: CommentService
    syndication: SyndicationService
    threads: ThreadService
    related: RelatedService
    search: SearchService
    previews: PreviewService
    frontPage: Pick<FrontPageService, 'home' | 'banner'>
    pages: PageService
    menus: MenuService
    identity: SiteIdentityService
    /** Article pages' stories, rendered and kept. */
    stories: Pick<StoryKeeper, 'page'>
  }
  site: SiteInfo
  /** An article page's reads, kept between renders until content changes. */
  articleReads: ArticleReads
  /** The home page's and listings' stories, kept until the site changes (public-reads.ts). */
  listingReads: PublicReads
}
