import { SEARCH_LIMITS } from '../../domain/search/search-query.js'

/** Where search lives: `/search?q=…&page=N`. */
export const SEARCH_PATH = '/search'

/**
 * A search form that works without JavaScript (GET /search?q=…). `compact` is
 * the masthead's: its label is for screen readers only.
 */
export function SearchForm({
  id,
  value = '',
  compact = false,
  label = 'Search stories',
  landmark,
  problemId,
}: {
  /** The input's id; unique on the page. */
  id: string
  value?: string
  compact?: boolean
  label?: string
  /** The name of the search landmark, telling this form from another on the page. */
  landmark: string
  /** The id of a message about what was typed, when there is one. */
  problemId?: string
}) {
  return (
    <form
      class={compact ? 'search-form search-form-compact' : 'search-form'}
      role="search"
      aria-label={landmark}
      action={SEARCH_PATH}
      method="get"
    >
      <label for={id} class={compact ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        type="search"
        id={id}
        name="q"
        value={value}
        maxLength={SEARCH_LIMITS.length}
        placeholder={compact ? 'Search stories' : undefined}
        autocomplete="off"
        aria-invalid={problemId ? 'true' : undefined}
        aria-describedby={problemId}
      />
      <button type="submit">Search</button>
    </form>
  )
}
