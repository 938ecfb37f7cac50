import { STATUS_LABELS, type Article } from '../../../domain/articles/article.js'
import type { StaleEditError } from '../../../domain/articles/article-writes.js'
import { snapshot } from '../../../domain/articles/article-writes.js'
import { TRANSITIONS, type Transition } from '../../../domain/articles/workflow.js'
import type { Section } from '../../../domain/sections/section.js'
import { DateTime } from '../../ui/date-time.js'
import { useSite } from '../../ui/site.js'
import { TrustedHtml } from '../../ui/trusted-html.js'
import { articlePath } from '../../ui/urls.js'
import type { EditorValues } from '../editor-values.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { FieldDiffs } from './diff-view.js'
import { describedBy, Field, ProblemBanner } from './form-parts.js'

export interface EditorPageProps {
  article?: Article
  values: EditorValues
  sections: readonly Section[]
  authorNames: readonly string[]
  transitions: readonly Transition[]
  canEdit: boolean
  canDelete: boolean
  problem?: Problem
  previewHtml?: string
  conflict?: StaleEditError
  notice?: string
  /** After "Suggest" without the script: what was proposed, and the key points it replaced. */
  suggestion?: KeyPointSuggestion
}

export interface KeyPointSuggestion {
  /** How many key points were proposed; 0 when the body had no sentences to propose. */
  count: number
  /** The key points in the field before, which the suggestion replaced. */
  previous: string[]
}

/** The At a glance field, with its Suggest button and what Suggest did. */
function KeyPointsField({
  values,
  problem,
  suggestion,
}: Pick<EditorPageProps, 'values' | 'problem' | 'suggestion'>) {
  return (
    <Field
      id="keyPoints"
      label="At a glance"
      hint="Key points, one per line, up to 10. Suggest proposes sentences from the body; check and edit them before you save."
      problem={problem}
    >
      <textarea
        id="keyPoints"
        name="key_points"
        rows={5}
        aria-describedby={describedBy('keyPoints', { hint: true, problem })}
      >
        {values.keyPoints}
      </textarea>
      <div class="suggest">
        <button
          type="submit"
          name="intent"
          value="suggest"
          class="secondary"
          data-suggest="/admin/key-points/suggest"
        >
          Suggest key points
        </button>
        <p class="suggest-status" id="suggest-status" role="status" aria-live="polite">
          {suggestion &&
            (suggestion.count === 0
              ? 'The body has no sentences to suggest key points from yet.'
              : `Suggested ${suggestion.count} key points from the body. Nothing is saved until you save.`)}
        </p>
      </div>
      {suggestion && suggestion.count > 0 && suggestion.previous.length > 0 && (
        <details class="previous-key-points">
          <summary>Your key points before the suggestion</summary>
          <ul>
            {suggestion.previous.map((point, index) => (
              <li key={index}>{point}</li>
            ))}
          </ul>
        </details>
      )}
    </Field>
  )
}

function ConflictPanel({ conflict, values }: { conflict: StaleEditError; values: EditorValues }) {
  const current = snapshot(conflict.current)
  return (
    <section class="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">
        {conflict.changedBy} changed this article at <DateTime date={conflict.changedAt} withTime />
      </h2>
      <p>
        That was after you opened it, so your save was not made. Nothing you typed is lost: it is
        all in the form below. Their changes, compared with the version you started from, are marked
        here. Bring in what you want to keep, then save again: your version will replace theirs.
      </p>
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

function Bylines({ values, problem }: { values: EditorValues; problem?: Problem }) {
  const count = Math.max(values.bylines.length + 1, 3)
  return (
    <fieldset
      class={problem?.field === 'bylines' ? 'bylines has-error' : 'bylines'}
      aria-describedby="bylines-hint"
    >
      <legend>Bylines</legend>
      <p class="hint" id="bylines-hint">
        In the order they appear. Choose a name or type a new one.
      </p>
      {problem?.field === 'bylines' && <p class="field-error">{problem.message}</p>}
      <ol class="byline-inputs">
        {Array.from({ length: count }, (_, index) => (
          <li key={index}>
            <label class="visually-hidden" for={`byline-${index}`}>
              Byline {index + 1}
            </label>
            <input
              id={`byline-${index}`}
              name="byline"
              list="author-names"
              value={values.bylines[index] ?? ''}
              maxLength={100}
            />
          </li>
        ))}
      </ol>
    </fieldset>
  )
}

function Actions({
  transitions,
  canEdit,
  values,
  problem,
}: Pick<EditorPageProps, 'transitions' | 'canEdit' | 'values' | 'problem'>) {
  const { timeZone } = useSite()
  const others = transitions.filter((name) => name !== 'schedule')
  return (
    <div class="actions">
      {canEdit && (
        <button type="submit" name="intent" value="save" class="primary">
          Save
        </button>
      )}
      {others.map((name) => (
        <button
          key={name}
          type="submit"
          name="intent"
          value={name}
          class={name === 'publish' ? 'publish' : undefined}
        >
          {TRANSITIONS[name].label}
        </button>
      ))}
      {transitions.includes('schedule') && (
        <div class="schedule">
          <Field
            id="scheduledFor"
            label="Publication time"
            hint={`In ${timeZone} time.`}
            problem={problem}
          >
            <input
              id="scheduledFor"
              name="scheduled_for"
              type="datetime-local"
              value={values.scheduledFor}
              aria-describedby={describedBy('scheduledFor', { hint: true, problem })}
            />
          </Field>
          <button type="submit" name="intent" value="schedule">
            Schedule
          </button>
        </div>
      )}
    </div>
  )
}

export function EditorPage(props: EditorPageProps) {
  const {
    article,
    values,
    sections,
    authorNames,
    problem,
    canEdit,
    previewHtml,
    conflict,
    notice,
  } = props
  const { timeZone } = useSite()
  const action = article ? `/admin/articles/${article.id}` : '/admin/articles'
  // Autosave never touches a live article: changes to it go out only when an editor saves.
  const autosave =
    article && canEdit && article.status !== 'published' ? `${action}/autosave` : undefined
  const status = article?.status ?? 'draft'
  return (
    <>
      <div class="editor-head">
        <h1>{article ? 'Edit article' : 'New article'}</h1>
        <p class="meta">
          <span class={`status status-${status}`}>{STATUS_LABELS[status]}</span>
          {article?.status === 'scheduled' && article.scheduledFor && (
            <>
              {' '}
              for <DateTime date={article.scheduledFor} withTime />
            </>
          )}
          {article && <> · version {article.version}</>}
          {article && (
            <>
              {' · '}
              <a href={`${action}/history`}>History</a>
            </>
          )}
          {article?.status === 'published' && (
            <>
              {' · '}
              <a href={articlePath(article, timeZone)}>View on the site</a>
            </>
          )}
        </p>
      </div>
      {notice && (
        <p class="notice-ok" role="status">
          {notice}
        </p>
      )}
      <ProblemBanner problem={problem} />
      {conflict && <ConflictPanel conflict={conflict} values={values} />}

      <form
        method="post"
        action={action}
        class="editor"
        id="editor"
        data-autosave={autosave}
        data-preview="/admin/preview"
        data-unsaved={props.suggestion && props.suggestion.count > 0 ? 'suggestion' : undefined}
      >
        <CsrfField />
        <input type="hidden" name="version" value={String(values.version)} />
        <fieldset class="editor-main" disabled={!canEdit}>
          <legend class="visually-hidden">Article</legend>
          <Field id="headline" label="Headline" problem={problem}>
            <input
              id="headline"
              name="headline"
              value={values.headline}
              required
              maxLength={250}
              aria-describedby={describedBy('headline', { problem })}
            />
          </Field>
          <Field
            id="standfirst"
            label="Standfirst"
            hint="One or two sentences under the headline."
            problem={problem}
          >
            <textarea
              id="standfirst"
              name="standfirst"
              rows={2}
              maxLength={500}
              aria-describedby={describedBy('standfirst', { hint: true, problem })}
            >
              {values.standfirst}
            </textarea>
          </Field>
          <Field
            id="dateline"
            label="Dateline"
            hint="Where the story was filed from, such as LISBON, PORTUGAL."
            problem={problem}
          >
            <input
              id="dateline"
              name="dateline"
              value={values.dateline}
              maxLength={100}
              aria-describedby={describedBy('dateline', { hint: true, problem })}
            />
          </Field>
          <Bylines values={values} problem={problem} />
          <datalist id="author-names">
            {authorNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <Field
            id="body"
            label="Body"
            hint="Markdown: a blank line between paragraphs, ## before a subheading, > before a quotation."
            problem={problem}
          >
            <textarea
              id="body"
              name="body"
              rows={22}
              aria-describedby={describedBy('body', { hint: true, problem })}
            >
              {values.body}
            </textarea>
          </Field>
          <button type="submit" name="intent" value="preview" class="secondary">
            Preview
          </button>
          <section class="preview" id="preview" aria-label="Preview" hidden={!previewHtml}>
            {previewHtml && <TrustedHtml class="story-body" html={previewHtml} />}
          </section>
          <KeyPointsField values={values} problem={problem} suggestion={props.suggestion} />
          {article?.status === 'published' && (
            <Field
              id="correction"
              label="Correction note"
              hint="If this change corrects an error, say so here: readers see the note with the article."
              problem={problem}
            >
              <textarea
                id="correction"
                name="correction"
                rows={2}
                maxLength={500}
                aria-describedby={describedBy('correction', { hint: true, problem })}
              >
                {values.correction}
              </textarea>
            </Field>
          )}
        </fieldset>
        <div class="editor-side">
          <fieldset disabled={!canEdit}>
            <legend class="visually-hidden">Filing</legend>
            <Field id="section" label="Section" problem={problem}>
              <select
                id="section"
                name="section"
                aria-describedby={describedBy('section', { problem })}
              >
                {sections.map((section) => (
                  <option
                    key={section.slug}
                    value={section.slug}
                    selected={section.slug === values.section}
                  >
                    {section.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="commentMode" label="Comments" problem={problem}>
              <select
                id="commentMode"
                name="comments"
                aria-describedby={describedBy('commentMode', { problem })}
              >
                {[
                  { value: 'default', label: "The site's rule" },
                  { value: 'open', label: 'Open' },
                  { value: 'closed', label: 'Closed' },
                ].map((option) => (
                  <option
                    key={option.value}
                    value={option.value}
                    selected={values.comments === option.value}
                  >
                    {option.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="tags" label="Tags" hint="Separated by commas." problem={problem}>
              <input
                id="tags"
                name="tags"
                value={values.tags}
                maxLength={1000}
                aria-describedby={describedBy('tags', { hint: true, problem })}
              />
            </Field>
            <Field
              id="slug"
              label="Slug"
              hint="The end of the address. Leave empty to make one from the headline."
              problem={problem}
            >
              <input
                id="slug"
                name="slug"
                value={values.slug}
                maxLength={80}
                pattern="[a-z0-9]+(-[a-z0-9]+)*"
                aria-describedby={describedBy('slug', { hint: true, problem })}
              />
            </Field>
          </fieldset>
          <Actions
            transitions={props.transitions}
            canEdit={canEdit}
            values={values}
            problem={problem}
          />
          <p class="autosave-status" id="autosave-status" role="status" aria-live="polite" />
          {article &&
            props.canDelete &&
            article.status !== 'published' &&
            article.status !== 'scheduled' && (
              <p>
                <a href={`${action}/delete`} class="danger-link">
                  Delete this article…
                </a>
              </p>
            )}
        </div>
      </form>

      {article && article.corrections.length > 0 && (
        <section aria-labelledby="corrections-title" class="corrections-list">
          <h2 id="corrections-title">Corrections shown to readers</h2>
          <ul>
            {article.corrections.map((correction) => (
              <li key={correction.id}>
                <DateTime date={correction.createdAt} withTime />: {correction.note}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
