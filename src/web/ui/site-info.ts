import type { Config } from '../../config.js'
import type { SiteIdentityService } from '../../domain/settings/site-identity-service.js'
import { ASSETS_DIR, loadAssets, type Asset } from '../assets.js'
import type { SiteInfo } from './site.js'

/**
 * The site as pages see it. The identity's fields are read through getters:
 * an admin's change shows on the next page rendered, in every handler that
 * holds this object.
 */
export function siteInfo(
  config: Pick<Config, 'siteUrl' | 'media'>,
  identity: Pick<SiteIdentityService, 'current'>,
  assets: ReadonlyMap<string, Asset> = loadAssets(ASSETS_DIR.pathname),
): SiteInfo {
  const assetPath = (name: string): string => {
    const asset = assets.get(name)
    if (!asset) throw new Error(`missing asset ${name} in ${ASSETS_DIR.pathname}`)
    return asset.path
  }
  return {
    get name() {
      return identity.current().name
    },
    get tagline() {
      return identity.current().tagline
    },
    get accent() {
      return identity.current().accent
    },
    get brandLogo() {
      return identity.current().logo
    },
    get language() {
      return identity.current().language
    },
    get timeZone() {
      return identity.current().timeZone
    },
    url: config.siteUrl,
    stylesheet: assetPath('site.css'),
    favicon: assetPath('favicon.svg'),
    logo: assetPath('logo.png'),
    adminStylesheet: assetPath('admin.css'),
    deskStylesheet: assetPath('desk.css'),
    adminScript: assetPath('admin.js'),
    mediaScript: assetPath('media.js'),
    deskScript: assetPath('desk.js'),
    editorScript: assetPath('editor.js'),
    commentsScript: assetPath('comments.js'),
    embedsScript: assetPath('embeds.js'),
    media: {
      page: config.media.publicUrl ?? '/media',
      absolute: config.media.publicUrl ?? `${config.siteUrl}/media`,
    },
  }
}
