import type { Paged } from '../../../domain/paging.js'
import { REDIRECT_LIMITS, type Redirect } from '../../../domain/redirects/redirect.js'
import type { CsvProblem } from '../../../domain/redirects/redirect-csv.js'
import type { Problem } from '../../plugins/problems.js'
import { DateTime } from '../../ui/date-time.js'
import { Pagination } from '../../ui/pagination.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, Notice, ProblemBanner } from './form-parts.js'

export interface RedirectsPageProps {
  redirects: Paged<Redirect>
  query: string
  /** What was typed in the add form, when it came back with a problem. */
  attempt?: { from: string; to: string }
  /** The pasted CSV, when it came back with problems. */
  csv?: { text: string; problems: readonly CsvProblem[] }
  problem?: Problem
  notice?: string
}

const SOURCE_LABELS: Record<Redirect['source'], string> = {
  editor: 'Added here',
  csv: 'From a CSV file',
  import: 'Import',
  section: 'Section moved',
  author: 'Authors merged',
  tag: 'Tags merged',
}

function RedirectRow({ redirect }: { redirect: Redirect }) {
  return (
    <tr>
      <td class="address" data-label="Old address">
        <code>{redirect.from}</code>
      </td>
      <td class="address" data-label="New address">
        <a href={redirect.to}>{redirect.to}</a>
      </td>
      <td data-label="From">{SOURCE_LABELS[redirect.source]}</td>
      <td data-label="Changed">
        <DateTime date={redirect.updatedAt} />
      </td>
      <td>
        <form method="post" action="/admin/redirects/remove">
          <CsrfField />
          <input type="hidden" name="from" value={redirect.from} />
          <button type="submit" class="danger">
            Remove<span class="visually-hidden"> the redirect from {redirect.from}</span>
          </button>
        </form>
      </td>
    </tr>
  )
}

function AddForm({
  attempt,
  problem,
}: {
  attempt?: { from: string; to: string }
  problem?: Problem
}) {
  const shown = attempt ? problem : undefined
  return (
    <form method="post" action="/admin/redirects" class="stack-form">
      <h2>Add or change a redirect</h2>
      <CsrfField />
      <Field
        id="from"
        label="Old address"
        hint="A path such as /2015/11/old-story/ or the old site’s full address; ?p=123 forms work too."
        problem={shown}
      >
        <input
          id="from"
          name="from"
          type="text"
          required
          maxLength={REDIRECT_LIMITS.addressLength}
          value={attempt?.from ?? ''}
          aria-describedby={describedBy('from', { hint: true, problem: shown })}
        />
      </Field>
      <Field
        id="to"
        label="New address"
        hint="A path on this site, or a full address."
        problem={shown}
      >
        <input
          id="to"
          name="to"
          type="text"
          required
          maxLength={REDIRECT_LIMITS.addressLength}
          value={attempt?.to ?? ''}
          aria-describedby={describedBy('to', { hint: true, problem: shown })}
        />
      </Field>
      <button type="submit">Save redirect</button>
    </form>
  )
}

function CsvForm({ csv }: { csv?: RedirectsPageProps['csv'] }) {
  const problems = csv?.problems ?? []
  return (
    <form method="post" action="/admin/redirects/csv" class="stack-form">
      <h2>Add many from a CSV file</h2>
      <CsrfField />
      {problems.length > 0 && (
        <div class="problem" role="alert" id="csv-error">
          <p>Nothing was saved. Mend these lines and send the file again:</p>
          <ul>
            {problems.slice(0, 50).map((item) => (
              <li key={item.line}>
                Line {item.line}: {item.message}
              </li>
            ))}
          </ul>
          {problems.length > 50 && <p>…and {problems.length - 50} more.</p>}
        </div>
      )}
      <div class="field">
        <label for="csv">Two columns: the old address and the new one</label>
        <p class="hint" id="csv-hint">
          Paste the file’s text. A first line naming the columns is skipped. Up to{' '}
          {REDIRECT_LIMITS.csvRows.toLocaleString('en')} lines; all are saved or none.
        </p>
        <textarea
          id="csv"
          name="csv"
          rows={8}
          required
          aria-describedby={problems.length > 0 ? 'csv-hint csv-error' : 'csv-hint'}
        >
          {csv?.text ?? ''}
        </textarea>
      </div>
      <button type="submit">Save redirects</button>
    </form>
  )
}

/** Old addresses that answer 301 with a new one: imported permalinks, moved sections, typed by hand. */
export function RedirectsPage({
  redirects,
  query,
  attempt,
  csv,
  problem,
  notice,
}: RedirectsPageProps) {
  const path = query ? `/admin/redirects?q=${encodeURIComponent(query)}` : '/admin/redirects'
  return (
    <>
      <h1>Redirects</h1>
      <p>
        Each old address answers “moved permanently” with its new one, so links and search results
        from before keep working.
      </p>
      <Notice notice={notice} />
      <ProblemBanner problem={problem} />
      <form method="get" action="/admin/redirects" role="search" class="search-form">
        <label for="q">Find an old address</label>
        <input id="q" name="q" type="search" value={query} maxLength={200} />
        <button type="submit">Find</button>
      </form>
      {redirects.total === 0 ? (
        <p>{query ? `No old address contains “${query}”.` : 'There are no redirects yet.'}</p>
      ) : (
        <table class="redirects stacks">
          <caption>
            {redirects.total.toLocaleString('en')} redirect{redirects.total === 1 ? '' : 's'}
            {query && ` whose old address contains “${query}”`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Old address</th>
              <th scope="col">New address</th>
              <th scope="col">From</th>
              <th scope="col">Changed</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {redirects.items.map((redirect) => (
              <RedirectRow key={redirect.from} redirect={redirect} />
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        path={path}
        page={redirects.page}
        pageCount={redirects.pageCount}
        links={{ previous: 'Previous page', next: 'Next page' }}
      />
      <AddForm attempt={attempt} problem={problem} />
      <CsvForm csv={csv} />
    </>
  )
}
