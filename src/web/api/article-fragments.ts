import type { PublishedArticle } from '../../domain/articles/article.js'
import type { ContentChange } from '../../domain/changes.js'
import type { MemoryShare } from '../../domain/memory-budget.js'
import { digestOf } from '../plugins/etag.js'
import { boundedMemo } from '../ui/bounded-memo.js'
import { articleJson, pickFields, type ApiSite, type ArticleField } from './api-json.js'
import { ninjsItem } from './ninjs.js'

export type ArticleFormat = 'json' | 'ninjs'

export type ArticleFragments = ReturnType<typeof createArticleFragments>

/** An article's encoded JSON and the digest of those bytes, made once with them. */
export interface Fragment {
  bytes: Buffer
  digest: string
}

/**
 * Each article's JSON, encoded once per version (and choice of fields) and
 * kept until the site changes. A list of twenty is then a keyed read and
 * twenty buffers joined, not twenty articles loaded, shaped, stringified and
 * encoded: the article in the newest list, its section's, its tags' and its
 * own address is made once. Whatever else an article's JSON shows (its
 * section's and authors' names, its pictures' words, the site's zone)
 * changes only with a `site` change beyond one article's own, which drops
 * everything; a text made from a read begun before such a change is not kept.
 */
export function createArticleFragments(site: ApiSite, memory: MemoryShare | number) {
  // A Buffer's bytes are outside the engine's heap, but in the process's memory all the same.
  const kept = boundedMemo<Fragment>(memory, (fragment) => 128 + fragment.bytes.length)
  let generation = 0
  const shape = (
    format: ArticleFormat,
    fields: readonly ArticleField[] | undefined,
    article: PublishedArticle,
  ): unknown => {
    if (format === 'ninjs') return ninjsItem(site, article)
    const json = articleJson(site, article)
    return fields ? pickFields(json, fields) : json
  }

  return {
    changed(change: ContentChange): void {
      // One article's change makes a new version of it, kept under a new key: the rest stay true.
      if (change.scope !== 'site' || change.article !== undefined) return
      generation++
      kept.clear()
    },

    /**
     * The JSON of the articles at these keys, in order; those not kept are
     * loaded in one call, and one that is no longer published is left out.
     * `fields` (the JSON shape only) keeps just those, in the shape's order.
     */
    async encoded(
      format: ArticleFormat,
      keys: readonly { id: string; version: number }[],
      load: (ids: readonly string[]) => Promise<PublishedArticle[]>,
      fields?: readonly ArticleField[],
    ): Promise<Fragment[]> {
      const started = generation
      const keyOf = (id: string, version: number) =>
        `${format}:${fields?.join(',') ?? '*'}:${id}:${version}`
      const found = keys.map((key) => kept.get(keyOf(key.id, key.version)))
      const missing = keys.filter((_, i) => found[i] === undefined).map((key) => key.id)
      const loaded = new Map(
        (missing.length > 0 ? await load(missing) : []).map((article) => [article.id, article]),
      )
      return keys.flatMap((key, i) => {
        const fragment = found[i]
        if (fragment !== undefined) return [fragment]
        const article = loaded.get(key.id)
        if (!article) return []
        const bytes = Buffer.from(JSON.stringify(shape(format, fields, article)), 'utf8')
        const made = { bytes, digest: digestOf(bytes) }
        if (generation === started) kept.set(keyOf(article.id, article.version), made)
        return [made]
      })
    },
  }
}
