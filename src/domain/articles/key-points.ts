import { suggestKeyPoints as summarise } from '../../text/summarise.js'
import { ARTICLE_LIMITS } from './article.js'

/**
 * The editor's "Suggest" for At a glance: key sentences of the body, word for
 * word, none longer than a key point may be. Nothing is saved.
 */
export function suggestKeyPoints({ body, headline }: { body: string; headline: string }): string[] {
  return summarise(body, headline, { maxLength: ARTICLE_LIMITS.keyPoint })
}
