import type { SearchResults } from '../../../domain/search/search-service.js'
import type { SearchHit } from '../../../domain/search/search-store.js'
import type { TextPart } from '../../../text/search-snippet.js'
import { AuthorNames } from '../../ui/byline.js'
import { DateTime } from '../../ui/date-time.js'
import { Pagination } from '../../ui/pagination.js'
import { SearchForm } from '../../ui/search-form.js'
import { useSite } from '../../ui/site.js'
import { articlePath, sectionPath } from '../../ui/urls.js'

/** Text with the matched words in <mark>; every part is escaped like any other text. */
function Highlighted({ parts }: { parts: readonly TextPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.highlighted ? <mark key={index}>{part.text}</mark> : part.text,
      )}
    </>
  )
}

function SearchResult({ hit }: { hit: SearchHit }) {
  const { timeZone } = useSite()
  const { article } = hit
  return (
    <li class="card search-result">
      <article>
        <p class="kicker">
          <a href={sectionPath(article.section.slug)}>{article.section.name}</a>
        </p>
        <h2>
          <a href={articlePath(article, timeZone)}>
            <Highlighted parts={hit.headline} />
          </a>
        </h2>
        {hit.snippet.length > 0 && (
          <p class="summary snippet">
            <Highlighted parts={hit.snippet} />
          </p>
        )}
        <p class="card-meta">
          {article.bylines.length > 0 && (
            <>
              By <AuthorNames authors={article.bylines} />
              {' · '}
            </>
          )}
          <DateTime date={article.publishedAt} />
        </p>
      </article>
    </li>
  )
}

function matchCount({ total, estimated }: SearchResults): string {
  if (estimated) return `About ${total.toLocaleString('en')} stories match`
  return total === 1 ? '1 story matches' : `${total.toLocaleString('en')} stories match`
}

/**
 * The search page: the form, then what was found, or why nothing could be
 * searched for. `path` is this search's address without a page number.
 */
export function SearchPage({
  text,
  path,
  results,
  problem,
}: {
  /** What the reader typed, spaces collapsed; '' before any search. */
  text: string
  path: string
  results?: SearchResults
  /** Why the search could not be made. */
  problem?: string
}) {
  const first = results ? (results.page - 1) * results.perPage + 1 : 1
  return (
    <div class="search-page">
      <h1 class="page-title">Search</h1>
      <SearchForm
        id="search-q"
        value={text}
        landmark="Search stories"
        problemId={problem ? 'search-problem' : undefined}
      />
      {problem && (
        <p class="search-problem" id="search-problem">
          {problem}
        </p>
      )}
      {!problem && !results && (
        <p class="search-hint">
          Search headlines, stories, authors and tags. Put a phrase in "double quotes"; put a minus
          sign before a word to leave it out (-word).
        </p>
      )}
      {results && results.total === 0 && (
        <div class="search-none">
          <p class="search-summary">
            No stories match <q>{text}</q>.
          </p>
          <p>Check the spelling, try fewer or different words, or drop the quotes from a phrase.</p>
        </div>
      )}
      {results && results.total > 0 && (
        <>
          <p class="search-summary">
            {matchCount(results)} <q>{text}</q>
            {results.pageCount > 1 &&
              `, showing ${first}–${first + results.items.length - 1}, ${results.estimated ? 'best recent matches first' : 'best matches first'}`}
            .
          </p>
          <ol class="stack search-results" start={first}>
            {results.items.map((hit) => (
              <SearchResult key={hit.article.id} hit={hit} />
            ))}
          </ol>
          <Pagination
            path={path}
            page={results.page}
            pageCount={results.pageCount}
            links={{ previous: 'Previous results', next: 'More results' }}
          />
        </>
      )}
    </div>
  )
}
