import type { PublishedArticle } from '../../domain/articles/article.js'
import type { ContentChange } from '../../domain/changes.js'
import { boundedMemo } from '../ui/bounded-memo.js'
import { articleJson, type ApiSite } from './api-json.js'
import { ninjsItem } from './ninjs.js'

export type ArticleFormat = 'json' | 'ninjs'

/** Article JSON kept, in characters: a few thousand articles' worth. */
const MAX_CHARS = 16_000_000

export type ArticleFragments = ReturnType<typeof createArticleFragments>

/**
 * Each article's JSON text, made once per version and kept until the site
 * changes. A list of twenty is then a keyed read and twenty strings joined,
 * not twenty articles loaded, shaped and stringified: the article in the
 * newest list, its section's, its tags' and its own address is made once.
 * Whatever else an article's JSON shows (its section's and authors' names,
 * its pictures' words, the site's zone) changes only with a `site` change,
 * which drops everything; a text made from a read begun before such a change
 * is not kept.
 */
export function createArticleFragments(site: ApiSite) {
  const kept = boundedMemo<string>(MAX_CHARS, (text) => text.length)
  let generation = 0
  const keyOf = (format: ArticleFormat, id: string, version: number) => `${format}:${id}:${version}`
  const shape = (format: ArticleFormat, article: PublishedArticle): unknown =>
    format === 'ninjs' ? ninjsItem(site, article) : articleJson(site, article)

  return {
    changed(change: ContentChange): void {
      if (change.scope !== 'site') return
      generation++
      kept.clear()
    },

    /**
     * The JSON texts of the articles at these keys, in order; those not kept
     * are loaded in one call, and one that is no longer published is left out.
     */
    async texts(
      format: ArticleFormat,
      keys: readonly { id: string; version: number }[],
      load: (ids: readonly string[]) => Promise<PublishedArticle[]>,
    ): Promise<string[]> {
      const started = generation
      const found = keys.map((key) => kept.get(keyOf(format, key.id, key.version)))
      const missing = keys.filter((_, i) => found[i] === undefined).map((key) => key.id)
      const loaded = new Map(
        (missing.length > 0 ? await load(missing) : []).map((article) => [article.id, article]),
      )
      return keys.flatMap((key, i) => {
        const text = found[i]
        if (text !== undefined) return [text]
        const article = loaded.get(key.id)
        if (!article) return []
        const made = JSON.stringify(shape(format, article))
        if (generation === started) kept.set(keyOf(format, article.id, article.version), made)
        return [made]
      })
    },
  }
}
