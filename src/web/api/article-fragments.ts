import type { PublishedArticle } from '../../domain/articles/article.js'
import type { ContentChange } from '../../domain/changes.js'
import type { MemoryShare } from '../../domain/memory-budget.js'
import { weakEtagOf } from '../plugins/etag.js'
import { boundedMemo } from '../ui/bounded-memo.js'
import { articleJson, pickFields, type ApiSite, type ArticleField } from './api-json.js'
import { ninjsItem } from './ninjs.js'

export type ArticleFormat = 'json' | 'ninjs'

export type ArticleFragments = ReturnType<typeof createArticleFragments>

/** A list's JSON, as sent, and its entity tag. */
export interface EncodedList {
  bytes: Buffer
  etag: string
}

const OPEN = Buffer.from('{"items":[')
const COMMA = Buffer.from(',')

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
  // Articles (keyed `json:…` or `ninjs:…`) and joined lists (`list:…`) in one memo, so that
  // one share bounds both; a key's prefix says which of the two its value is.
  const kept = boundedMemo<Buffer | EncodedList>(memory, (value) =>
    Buffer.isBuffer(value) ? 64 + value.length : 128 + value.bytes.length,
  )
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

  /**
   * The JSON of the articles at these keys, in order; those not kept are
   * loaded in one call, and one that is no longer published is left out.
   * `fields` (the JSON shape only) keeps just those, in the shape's order.
   */
  async function encoded(
    format: ArticleFormat,
    keys: readonly { id: string; version: number }[],
    load: (ids: readonly string[]) => Promise<PublishedArticle[]>,
    fields?: readonly ArticleField[],
  ): Promise<Buffer[]> {
    const started = generation
    const keyOf = (id: string, version: number) =>
      `${format}:${fields?.join(',') ?? '*'}:${id}:${version}`
    const found = keys.map((key) => kept.get(keyOf(key.id, key.version)) as Buffer | undefined)
    const missing = keys.filter((_, i) => found[i] === undefined).map((key) => key.id)
    const loaded = new Map(
      (missing.length > 0 ? await load(missing) : []).map((article) => [article.id, article]),
    )
    return keys.flatMap((key, i) => {
      const bytes = found[i]
      if (bytes !== undefined) return [bytes]
      const article = loaded.get(key.id)
      if (!article) return []
      const made = Buffer.from(JSON.stringify(shape(format, fields, article)), 'utf8')
      if (generation === started) kept.set(keyOf(article.id, article.version), made)
      return [made]
    })
  }

  return {
    changed(change: ContentChange): void {
      // One article's change makes a new version of it, kept under a new key: the rest stay true.
      if (change.scope !== 'site' || change.article !== undefined) return
      generation++
      kept.clear()
    },

    /**
     * A list's JSON, `{"items":[…],"next":…}`, as JSON.stringify would write
     * it, and its entity tag: the kept articles joined. The joined answer is
     * kept too, while every article in it was found: its key names each
     * article's version, so the same key makes the same bytes until the site
     * changes, and an answer needs no new buffer of a couple of hundred
     * kilobytes (and no collection of it after), nor hashing them again.
     */
    async list(
      format: ArticleFormat,
      keys: readonly { id: string; version: number }[],
      next: string | null,
      load: (ids: readonly string[]) => Promise<PublishedArticle[]>,
      fields?: readonly ArticleField[],
    ): Promise<EncodedList> {
      const started = generation
      const end = `],"next":${JSON.stringify(next)}}`
      const listKey = `list:${format}:${fields?.join(',') ?? '*'}:${keys.map((key) => `${key.id}.${key.version}`).join(',')}${end}`
      const found = kept.get(listKey) as EncodedList | undefined
      if (found) return found
      const items = await encoded(format, keys, load, fields)
      const parts: Buffer[] = [OPEN]
      items.forEach((item, i) => parts.push(...(i === 0 ? [item] : [COMMA, item])))
      parts.push(Buffer.from(end))
      const bytes = Buffer.concat(parts)
      const list = { bytes, etag: weakEtagOf(bytes) }
      if (generation === started && items.length === keys.length) kept.set(listKey, list)
      return list
    },
  }
}
