import type { ContentApiService } from '../../domain/api/content-api-service.js'
import type { AdminApiDeps } from './admin/admin-deps.js'
import type { ApiSite } from './api-json.js'
import type { ArticleFragments } from './article-fragments.js'
import type { ArticleKeyPages } from './article-key-pages.js'

/** What the API needs: its services and the site's address, zone and media host. */
export interface ApiDeps {
  services: { contentApi: ContentApiService } & AdminApiDeps['services']
  site: ApiSite & { name: string }
  /** Each article's JSON, kept per version until the site changes. */
  fragments: ArticleFragments
  /** Which articles each list answers with, kept until the site changes. */
  keyPages: ArticleKeyPages
}
