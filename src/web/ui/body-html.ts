import { createHash } from 'node:crypto'
import type { ImageRef } from '../../domain/media/media.js'
import { renderBody, type EmbedMode } from '../../text/markdown.js'
import { estimateBytes, type MemoryShare } from '../../domain/memory-budget.js'
import { secondUseWithin } from '../second-use.js'
import { boundedMemo } from './bounded-memo.js'
import { flat } from './flat-string.js'
import { imageResolver } from './pictures.js'
import type { SiteInfo } from './site.js'

/** What a body is rendered from; the same always gives the same HTML. */
export interface BodySource {
  body: string
  dateline: string
  /** The library pictures the body may show (an article's own, or a page's). */
  images: readonly ImageRef[]
}

export interface BodyOptions {
  /** Picture addresses absolute (feeds, the API), or relative to the site (pages). */
  absolute?: boolean
  embeds?: EmbedMode
}

type Rendered = ReturnType<typeof renderBody>

/** Rendered bodies kept before an app gives them their share of its memory budget. */
const DEFAULT_BYTES = 4_000_000
/** About what a rendered body weighs: 9.4 KB on average over the benchmark corpus. */
const BODY_BYTES = 10_000
// Kept on a body's second rendering: most of an archive's bodies are rendered once (the page
// cache keeps their page), and weighing and keeping each would evict the ones read again.
const bodyMemo = (share: MemoryShare | number) =>
  boundedMemo<Rendered>(share, (rendered) => estimateBytes(rendered), {
    admit: secondUseWithin(typeof share === 'number' ? share : share.limit, BODY_BYTES),
  })
let kept = bodyMemo(DEFAULT_BYTES)

/**
 * Keeps rendered bodies within `share` of the memory budget from now on. The
 * bodies are kept for the whole process (feeds and the API render them with
 * no app at hand), so the app built last sets the share (a server builds one).
 */
export function keepBodiesWithin(share: MemoryShare): void {
  kept.clear()
  kept = bodyMemo(share)
}

/**
 * A story's body as HTML, kept from its second rendering on. The page, its
 * feeds and the API all render the same Markdown; parsing it is the largest
 * part of an uncached page. Keyed by a hash of everything the HTML is made
 * from (text, dateline, pictures with their words, options), so an edit, a
 * new caption or another address is a new entry and nothing needs purging.
 */
export function renderedBody(
  site: Pick<SiteInfo, 'media'>,
  source: BodySource,
  { absolute = false, embeds = 'link' }: BodyOptions = {},
  /**
   * What the source was read from, if it is replaced rather than changed when
   * the story changes (an article as read): its hash is then computed once.
   */
  from?: object,
): Rendered {
  const key = from
    ? keyFrom(from, `${site.media.page} ${site.media.absolute} ${absolute} ${embeds}`, () =>
        keyOf(site, source, absolute, embeds),
      )
    : keyOf(site, source, absolute, embeds)
  const found = kept.get(key)
  if (found) return found
  const rendered = renderBody(source.body, {
    dateline: source.dateline,
    images: imageResolver(site, source.images, absolute),
    embeds,
  })
  flat(rendered.html)
  kept.set(key, rendered)
  return rendered
}

function keyOf(
  site: Pick<SiteInfo, 'media'>,
  source: BodySource,
  absolute: boolean,
  embeds: EmbedMode,
): string {
  return createHash('sha256')
    .update(JSON.stringify([site.media, absolute, embeds, source.dateline, source.images]))
    .update('\n')
    .update(source.body)
    .digest('base64')
}

/** Each source object's keys, by the options they were made with: hashing a body costs as much as finding it. */
const keys = new WeakMap<object, Map<string, string>>()

function keyFrom(from: object, options: string, make: () => string): string {
  let byOptions = keys.get(from)
  if (!byOptions) keys.set(from, (byOptions = new Map<string, string>()))
  let key = byOptions.get(options)
  if (key === undefined) byOptions.set(options, (key = make()))
  return key
}
