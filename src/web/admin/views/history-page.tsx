import { STATUS_LABELS, type Article } from '../../../domain/articles/article.js'
import type { StaleEditError } from '../../../domain/articles/article-writes.js'
import { REVISION_FIELD_LABELS, type Revision } from '../../../domain/articles/revision.js'
import { DateTime } from '../../ui/date-time.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { changedFields, FieldDiffs } from './diff-view.js'
import { ProblemBanner } from './form-parts.js'

export interface HistoryPageProps {
  article: Article
  /** Newest first. */
  revisions: readonly Revision[]
  /** The two versions compared, when there are two to compare. */
  comparison?: { from: Revision; to: Revision }
  /** The versions ticked in the compare form. */
  selected: { from?: number; to?: number }
  canEdit: boolean
  problem?: Problem
  conflict?: StaleEditError
}

/** "version 3 (Ana Lind, Friday, November 20th 2026, 09:05)" */
function VersionLabel({ revision }: { revision: Revision }) {
  return (
    <>
      version {revision.version} ({revision.createdByName},{' '}
      <DateTime date={revision.createdAt} withTime />)
    </>
  )
}

function StaleRestore({ conflict, reload }: { conflict: StaleEditError; reload: string }) {
  return (
    <div class="conflict" role="alert">
      <h2>
        {conflict.changedBy} changed this article at <DateTime date={conflict.changedAt} withTime />
      </h2>
      <p>
        That was after you opened this page, so nothing was restored. The list below now shows
        version {conflict.current.version}, and the changes made since the version you saw. Check
        them, then restore again if you still want to, or <a href={reload}>reload the history</a>.
      </p>
    </div>
  )
}

function Comparison({ from, to }: { from: Revision; to: Revision }) {
  const fields = changedFields(from.fields, to.fields)
  return (
    <section class="comparison" id="changes" aria-labelledby="changes-title">
      <h2 id="changes-title">
        Changes from <VersionLabel revision={from} /> to <VersionLabel revision={to} />
      </h2>
      {fields.length > 0 && (
        <p class="diff-summary">
          {fields.length === 1 ? '1 field changed: ' : `${fields.length} fields changed: `}
          {fields.map((field) => REVISION_FIELD_LABELS[field]).join(', ')}.
        </p>
      )}
      <FieldDiffs before={from.fields} after={to.fields} />
    </section>
  )
}

function RestoreButton({ article, revision }: { article: Article; revision: Revision }) {
  return (
    <form method="post" action={`/admin/articles/${article.id}/restore`} class="inline">
      <CsrfField />
      <input type="hidden" name="version" value={String(revision.version)} />
      <input type="hidden" name="base_version" value={String(article.version)} />
      <button type="submit">
        Restore this version<span class="visually-hidden"> ({revision.version})</span>
      </button>
    </form>
  )
}

function Versions({
  article,
  revisions,
  selected,
  canEdit,
}: Pick<HistoryPageProps, 'article' | 'revisions' | 'selected' | 'canEdit'>) {
  const compare = revisions.length > 1
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      {compare && (
        <form
          method="get"
          action={`/admin/articles/${article.id}/history#changes`}
          id="compare"
          class="compare-form"
        >
          <p class="hint" id="compare-hint">
            Choose a version in the From column and one in the To column, then compare them.
          </p>
          <button type="submit" class="primary">
            Compare
          </button>
        </form>
      )}
      {compare && canEdit && article.status === 'published' && (
        <p class="restore-warning">
          This article is published: restoring a version changes what readers see at once.
        </p>
      )}
      <div class="table-scroll">
        <table class="history stacks">
          <caption class="visually-hidden">Every saved version, newest first</caption>
          <thead>
            <tr>
              {compare && (
                <>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                </>
              )}
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">What happened</th>
              <th scope="col">Status</th>
              {canEdit && (
                <th scope="col">
                  <span class="visually-hidden">Restore</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => {
              const current = revision.version === article.version
              return (
                <tr key={revision.id} class={current ? 'current' : undefined}>
                  {compare && (
                    <>
                      <td class="pick" data-label="From">
                        <input
                          type="radio"
                          form="compare"
                          name="from"
                          value={String(revision.version)}
                          id={`from-${revision.version}`}
                          checked={selected.from === revision.version}
                          aria-describedby="compare-hint"
                        />
                        <label class="visually-hidden" for={`from-${revision.version}`}>
                          Compare from version {revision.version}
                        </label>
                      </td>
                      <td class="pick" data-label="To">
                        <input
                          type="radio"
                          form="compare"
                          name="to"
                          value={String(revision.version)}
                          id={`to-${revision.version}`}
                          checked={selected.to === revision.version}
                          aria-describedby="compare-hint"
                        />
                        <label class="visually-hidden" for={`to-${revision.version}`}>
                          Compare to version {revision.version}
                        </label>
                      </td>
                    </>
                  )}
                  <td class="version" data-label="Version">
                    {revision.version}
                    {current && <span class="current-mark"> (current)</span>}
                  </td>
                  <td class="when" data-label="Saved">
                    <DateTime date={revision.createdAt} withTime />
                  </td>
                  <td data-label="By">{revision.createdByName}</td>
                  <td data-label="What happened">{revision.note}</td>
                  <td data-label="Status">
                    {revision.fields.status && (
                      <span class={`status status-${revision.fields.status}`}>
                        {STATUS_LABELS[revision.fields.status]}
                      </span>
                    )}
                  </td>
                  {canEdit && (
                    <td>{!current && <RestoreButton article={article} revision={revision} />}</td>
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** An article's saved versions, newest first; any two compared field by field; an old one restored. */
export function HistoryPage(props: HistoryPageProps) {
  const { article, revisions, comparison, problem, conflict } = props
  const editor = `/admin/articles/${article.id}`
  return (
    <>
      <div class="editor-head">
        <h1>History of “{article.headline || '(no headline)'}”</h1>
        <p class="meta">
          <span class={`status status-${article.status}`}>{STATUS_LABELS[article.status]}</span> ·
          version {article.version} · <a href={editor}>Back to the editor</a>
        </p>
      </div>
      {conflict ? (
        <StaleRestore conflict={conflict} reload={`${editor}/history`} />
      ) : (
        <ProblemBanner problem={problem} />
      )}
      {revisions.length === 0 ? (
        <p class="empty">No versions of this article are on record.</p>
      ) : (
        <Versions {...props} />
      )}
      {revisions.length === 1 && <p class="empty">This is the only version so far.</p>}
      {comparison && <Comparison from={comparison.from} to={comparison.to} />}
    </>
  )
}
