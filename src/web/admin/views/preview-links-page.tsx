import type { Article } from '../../../domain/articles/article.js'
import { PREVIEW_DURATIONS, type PreviewLink } from '../../../domain/previews/preview-link.js'
import { DateTime } from '../../ui/date-time.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { Field, Notice, ProblemBanner } from './form-parts.js'

export interface PreviewLinksPageProps {
  article: Article
  /** Live links, newest first. */
  links: readonly PreviewLink[]
  /** The address of a link just made: shown this once, as only its hash is kept. */
  created?: { url: string; link: PreviewLink }
  /** What the create form had chosen. */
  duration: string
  problem?: Problem
  notice?: string
}

/** "Friday, December 4th 2026, 10:05 GMT": in the site's zone, which it names. */
function ZonedTime({ date }: { date: Date }) {
  return <DateTime date={date} withTime />
}

function CreateForm({
  action,
  duration,
  problem,
}: {
  action: string
  duration: string
  problem?: Problem
}) {
  return (
    <form method="post" action={action} class="preview-create">
      <CsrfField />
      <Field id="duration" label="The link works for" problem={problem}>
        <select
          id="duration"
          name="duration"
          aria-invalid={problem?.field === 'duration' || undefined}
        >
          {Object.entries(PREVIEW_DURATIONS).map(([value, { label }]) => (
            <option key={value} value={value} selected={value === duration}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit">Create preview link</button>
    </form>
  )
}

/** Preview links of one draft: make one, see those that still work, revoke them. */
export function PreviewLinksPage({
  article,
  links,
  created,
  duration,
  problem,
  notice,
}: PreviewLinksPageProps) {
  const editor = `/admin/articles/${article.id}`
  const action = `${editor}/previews`
  return (
    <>
      <h1>Preview links: {article.headline || '(no headline)'}</h1>
      <p>
        <a href={editor}>Back to the story</a>
      </p>
      <p class="hint">
        Anyone with a preview link can read this draft as it was last saved, as readers will see it,
        without signing in. Search engines are told to leave it alone.
      </p>
      <ProblemBanner problem={problem} />
      <Notice notice={notice} />
      {created && (
        <div class="preview-created notice-ok" role="status">
          <label for="preview-url">
            New preview link (copy it now: it is shown only this once)
          </label>
          <input id="preview-url" type="text" readOnly value={created.url} />
          <p>
            It works until <ZonedTime date={created.link.expiresAt} />.
          </p>
        </div>
      )}
      {article.status === 'published' ? (
        <p>This story is published: share its own address instead.</p>
      ) : (
        <CreateForm action={action} duration={duration} problem={problem} />
      )}
      <h2>Links that work now</h2>
      {links.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="preview-links">
          {links.map((link) => (
            <li key={link.id}>
              Made <ZonedTime date={link.createdAt} />; works until{' '}
              <ZonedTime date={link.expiresAt} />.{' '}
              <form method="post" action={`${action}/${link.id}/revoke`} class="inline-form">
                <CsrfField />
                <button type="submit">Revoke</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
