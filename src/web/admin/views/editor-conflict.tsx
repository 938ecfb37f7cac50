import type { StaleEditError } from '../../../domain/articles/article-writes.js'
import { snapshot } from '../../../domain/articles/article-writes.js'
import { DateTime } from '../../ui/date-time.js'
import type { EditorValues } from '../editor-values.js'
import { FieldDiffs } from './diff-view.js'

/** A save refused as stale: who changed the article when, and their changes against the writer's. */
export function ConflictPanel({
  conflict,
  values,
}: {
  conflict: StaleEditError
  values: EditorValues
}) {
  const current = snapshot(conflict.current)
  return (
    <section class="conflict" aria-labelledby="conflict-title">
      <div role="alert">
        <h2 id="conflict-title">
          {conflict.changedBy} changed this article at{' '}
          <DateTime date={conflict.changedAt} withTime />, after you opened it
        </h2>
        <p>
          Your save was not made, and nothing you typed is lost: it is all in the form below. Their
          changes, compared with the version you started from, are marked here. Bring in what you
          want to keep, then save again: your version will replace theirs.
        </p>
      </div>
      {conflict.base ? (
        <FieldDiffs before={conflict.base} after={current} />
      ) : (
        <p>The version you started from is no longer on record.</p>
      )}
      <details>
        <summary>Compare their version with yours</summary>
        <FieldDiffs
          before={current}
          after={{
            ...current,
            headline: values.headline,
            standfirst: values.standfirst,
            dateline: values.dateline,
            body: values.body,
            keyPoints: values.keyPoints.split('\n').filter((point) => point.trim() !== ''),
            bylines: values.bylines,
          }}
        />
      </details>
    </section>
  )
}
