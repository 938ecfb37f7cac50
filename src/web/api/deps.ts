import type { ContentApiService } from '../../domain/api/content-api-service.js'
import type { ApiSite } from './api-json.js'

/** What the API needs: its services and the site's address, zone and media host. */
export interface ApiDeps {
  services: { contentApi: ContentApiService }
  site: ApiSite & { name: string }
}
