import type { ApiTokenService } from '../../../domain/api-tokens/api-token-service.js'
import type { EditingService } from '../../../domain/articles/editing-service.js'
import type { ApiSite } from '../api-json.js'

export interface AdminApiDeps {
  services: { apiTokens: ApiTokenService; editing: EditingService }
  site: ApiSite
}
