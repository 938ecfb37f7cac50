/**
 * Links to known sources (videos, posts, charts, maps) that a story may show
 * as an embed. Recognition is strict: an https URL with no credentials, no
 * port, no character that could leave an attribute, and a host that is
 * exactly one of the source's own. Anything else is not an embed.
 */

export type EmbedProvider =
  | 'youtube'
  | 'vimeo'
  | 'x'
  | 'instagram'
  | 'tiktok'
  | 'bluesky'
  | 'mastodon'
  | 'soundcloud'
  | 'datawrapper'
  | 'flourish'
  | 'google-maps'

/** The box a placeholder reserves, so loading the embed moves nothing on the page. */
export type EmbedShape = 'video' | 'audio' | 'chart' | 'post' | 'map'

/** A recognised embed: the link as given, and the frame built from its parsed id, if the source has one. */
export interface Embed {
  provider: EmbedProvider
  /** The source's name as readers know it. */
  name: string
  /** Who a reader's browser contacts when the embed loads or the link is followed. */
  service: string
  /** What it is, for the button and the frame's title: "video", "post", … */
  kind: string
  shape: EmbedShape
  /** The link, normalised by the URL parser. */
  url: string
  /** The provider's player address, built from the id alone; none for sources shown as a link. */
  frame?: string
}

/** Hosts that may appear in a frame's address (the CSP's frame-src, only on pages that need them). */
export const FRAME_ORIGINS = Object.freeze({
  youtube: 'https://www.youtube-nocookie.com',
  vimeo: 'https://player.vimeo.com',
  soundcloud: 'https://w.soundcloud.com',
  datawrapper: 'https://datawrapper.dwcdn.net',
  flourish: 'https://flo.uri.sh',
} satisfies Partial<Record<EmbedProvider, string>>)

type Parsed = Pick<Embed, 'frame'>
type Matcher = (url: URL, segments: readonly string[]) => Parsed | undefined

interface ProviderRule {
  provider: EmbedProvider
  name: string
  service: string
  kind: string
  shape: EmbedShape
  hosts: readonly string[]
  match: Matcher
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/
const DIGITS = /^[0-9]{1,20}$/
const SLUG = /^[A-Za-z0-9_-]{1,100}$/

/** The segments of a path, without empty ones from leading or trailing slashes. */
const segmentsOf = (url: URL): string[] => url.pathname.split('/').filter((part) => part !== '')

const only = (pattern: RegExp, value: string | undefined): value is string =>
  value !== undefined && pattern.test(value)

function youtube(url: URL, segments: readonly string[]): Parsed | undefined {
  let id: string | undefined
  if (url.hostname === 'youtu.be') id = segments.length === 1 ? segments[0] : undefined
  else if (segments.length === 1 && segments[0] === 'watch') id = url.searchParams.get('v') ?? ''
  else if (segments.length === 2 && ['shorts', 'embed', 'live'].includes(segments[0] ?? '')) {
    id = segments[1]
  }
  return only(YOUTUBE_ID, id) ? { frame: `${FRAME_ORIGINS.youtube}/embed/${id}` } : undefined
}

function vimeo(url: URL, segments: readonly string[]): Parsed | undefined {
  const id =
    url.hostname === 'player.vimeo.com'
      ? segments[0] === 'video' && segments.length === 2
        ? segments[1]
        : undefined
      : segments.length === 1
        ? segments[0]
        : undefined
  return only(DIGITS, id) ? { frame: `${FRAME_ORIGINS.vimeo}/video/${id}?dnt=1` } : undefined
}

/** Sources shown as their link alone: their players are scripts, not frames built from an id. */
const linkOnly =
  (test: (segments: readonly string[]) => boolean): Matcher =>
  (_url, segments) =>
    test(segments) ? {} : undefined

// SoundCloud's own pages share the user/track form with tracks.
const SOUNDCLOUD_RESERVED = new Set(['discover', 'search', 'stream', 'you', 'upload', 'pages'])

function soundcloud(_url: URL, segments: readonly string[]): Parsed | undefined {
  const [user, track, set] = segments
  const isTrack = segments.length === 2 && only(SLUG, user) && only(SLUG, track)
  const isSet = segments.length === 3 && track === 'sets' && only(SLUG, user) && only(SLUG, set)
  if ((!isTrack && !isSet) || SOUNDCLOUD_RESERVED.has(user ?? '')) return undefined
  const page = encodeURIComponent(`https://soundcloud.com/${segments.join('/')}`)
  return { frame: `${FRAME_ORIGINS.soundcloud}/player/?url=${page}&visual=false` }
}

function datawrapper(_url: URL, segments: readonly string[]): Parsed | undefined {
  const [id, version] = segments
  if (!only(/^[A-Za-z0-9]{5}$/, id) || segments.length > 2) return undefined
  if (version !== undefined && !only(/^[0-9]{1,4}$/, version)) return undefined
  return { frame: `${FRAME_ORIGINS.datawrapper}/${segments.join('/')}/` }
}

function flourish(_url: URL, segments: readonly string[]): Parsed | undefined {
  const [kind, id] = segments
  if (segments.length !== 2 || (kind !== 'visualisation' && kind !== 'story')) return undefined
  return only(/^[0-9]{1,12}$/, id)
    ? { frame: `${FRAME_ORIGINS.flourish}/${kind}/${id}/embed` }
    : undefined
}

function googleMaps(url: URL, segments: readonly string[]): Parsed | undefined {
  const [first] = segments
  const isMap =
    url.hostname === 'maps.app.goo.gl'
      ? segments.length === 1
      : url.hostname === 'goo.gl'
        ? first === 'maps' && segments.length === 2
        : url.hostname === 'maps.google.com' || first === 'maps'
  return isMap ? {} : undefined
}

const RULES: readonly ProviderRule[] = [
  {
    provider: 'youtube',
    name: 'YouTube',
    service: 'YouTube (Google)',
    kind: 'video',
    shape: 'video',
    hosts: ['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be'],
    match: youtube,
  },
  {
    provider: 'vimeo',
    name: 'Vimeo',
    service: 'Vimeo',
    kind: 'video',
    shape: 'video',
    hosts: ['vimeo.com', 'www.vimeo.com', 'player.vimeo.com'],
    match: vimeo,
  },
  {
    provider: 'x',
    name: 'X (Twitter)',
    service: 'X',
    kind: 'post',
    shape: 'post',
    hosts: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
    match: linkOnly(
      ([user, status, id, ...rest]) =>
        only(/^[A-Za-z0-9_]{1,15}$/, user) &&
        status === 'status' &&
        only(DIGITS, id) &&
        !rest.length,
    ),
  },
  {
    provider: 'instagram',
    name: 'Instagram',
    service: 'Instagram (Meta)',
    kind: 'post',
    shape: 'post',
    hosts: ['instagram.com', 'www.instagram.com'],
    match: linkOnly(
      ([kind, code, ...rest]) =>
        ['p', 'reel', 'tv'].includes(kind ?? '') &&
        only(/^[A-Za-z0-9_-]{5,40}$/, code) &&
        !rest.length,
    ),
  },
  {
    provider: 'tiktok',
    name: 'TikTok',
    service: 'TikTok',
    kind: 'video',
    shape: 'post',
    hosts: ['tiktok.com', 'www.tiktok.com', 'm.tiktok.com'],
    match: linkOnly(
      ([user, video, id, ...rest]) =>
        only(/^@[A-Za-z0-9_.]{1,32}$/, user) &&
        video === 'video' &&
        only(DIGITS, id) &&
        !rest.length,
    ),
  },
  {
    provider: 'bluesky',
    name: 'Bluesky',
    service: 'Bluesky',
    kind: 'post',
    shape: 'post',
    hosts: ['bsky.app'],
    match: linkOnly(
      ([profile, handle, post, key, ...rest]) =>
        profile === 'profile' &&
        only(/^[A-Za-z0-9.:-]{1,253}$/, handle) &&
        post === 'post' &&
        only(/^[a-z0-9]{5,20}$/, key) &&
        !rest.length,
    ),
  },
  {
    provider: 'soundcloud',
    name: 'SoundCloud',
    service: 'SoundCloud',
    kind: 'audio',
    shape: 'audio',
    hosts: ['soundcloud.com', 'www.soundcloud.com', 'm.soundcloud.com'],
    match: soundcloud,
  },
  {
    provider: 'datawrapper',
    name: 'Datawrapper',
    service: 'Datawrapper',
    kind: 'chart',
    shape: 'chart',
    hosts: ['datawrapper.dwcdn.net'],
    match: datawrapper,
  },
  {
    provider: 'flourish',
    name: 'Flourish',
    service: 'Flourish',
    kind: 'chart',
    shape: 'chart',
    hosts: ['public.flourish.studio', 'flourish.studio', 'flo.uri.sh'],
    match: flourish,
  },
  {
    provider: 'google-maps',
    name: 'Google Maps',
    service: 'Google Maps (Google)',
    kind: 'map',
    shape: 'map',
    hosts: ['www.google.com', 'google.com', 'maps.google.com', 'maps.app.goo.gl', 'goo.gl'],
    match: googleMaps,
  },
]

/**
 * Mastodon runs on any host, so it is known by its path alone: /@user/ID
 * (or /@user@home.example/ID for a post seen from another instance).
 */
const MASTODON: Omit<ProviderRule, 'hosts' | 'match'> = {
  provider: 'mastodon',
  name: 'Mastodon',
  service: 'its Mastodon server',
  kind: 'post',
  shape: 'post',
}
const MASTODON_USER = /^@[A-Za-z0-9_]{1,30}(@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+)?$/
const DNS_NAME = /^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})*\.[a-z]{2,63}$/

/**
 * Every character an https URL may carry here: RFC 3986's unreserved and
 * delimiter characters, less quotes and brackets, which have no business in
 * a link to a video and every use in breaking out of an attribute.
 */
const SAFE_URL = /^https:\/\/[A-Za-z0-9\-._~:/?#@!$&()*+,;=%]{1,2000}$/

/** The embed a link names, or undefined: for anything that is not exactly a known source's. */
export function recognizeEmbed(link: string): Embed | undefined {
  const url = SAFE_URL.test(link) && URL.canParse(link) ? new URL(link) : undefined
  // No credentials (`https://youtube.com@evil.example/`) and no port: the host is the whole authority.
  const plain = url?.protocol === 'https:' && !url.username && !url.password && !url.port
  if (!url || !plain) return undefined
  const segments = segmentsOf(url)
  const rule = RULES.find((candidate) => candidate.hosts.includes(url.hostname))
  if (rule) {
    const parsed = rule.match(url, segments)
    if (!parsed) return undefined
    const { hosts: _hosts, match: _match, ...about } = rule
    return { ...about, url: url.href, ...parsed }
  }
  const [user, id, ...rest] = segments
  const mastodon =
    DNS_NAME.test(url.hostname) && only(MASTODON_USER, user) && only(DIGITS, id) && !rest.length
  return mastodon ? { ...MASTODON, service: url.hostname, url: url.href } : undefined
}

/** The hosts every known source answers on, for tests that try near misses. */
export const KNOWN_HOSTS: readonly string[] = RULES.flatMap((rule) => rule.hosts)
