import type { Article } from '../../../domain/articles/article.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { CONFIRM_FIELD } from '../forms.js'
import { ProblemBanner } from './form-parts.js'

/** A confirmation step, so that deleting works without JavaScript and never by one stray click. */
export function DeletePage({ article, problem }: { article: Article; problem?: Problem }) {
  return (
    <div class="narrow">
      <h1>Delete “{article.headline}”?</h1>
      <ProblemBanner problem={problem} />
      <p>The article and its history will be gone for good. This cannot be undone.</p>
      <form method="post" action={`/admin/articles/${article.id}/delete`} class="inline-actions">
        <CsrfField />
        <input type="hidden" name={CONFIRM_FIELD} value="yes" />
        <button type="submit" class="danger">
          Delete the article
        </button>
        <a href={`/admin/articles/${article.id}`}>Keep it</a>
      </form>
    </div>
  )
}
