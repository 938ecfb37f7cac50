import { ARTICLE_LIMITS, STATUS_LABELS, type Article } from '../../../domain/articles/article.js'
import type { EditorRights } from '../../../domain/articles/article-access.js'
import type { StaleEditError } from '../../../domain/articles/article-writes.js'
import type { Section } from '../../../domain/sections/section.js'
import { MAX_TAG_NAME_LENGTH } from '../../../domain/tags/tag.js'
import { DateTime } from '../../ui/date-time.js'
import { useSite } from '../../ui/site.js'
import { articlePath } from '../../ui/urls.js'
import type { EditorValues, KeyPointSuggestion } from '../editor-values.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { ConflictPanel } from './editor-conflict.js'
import { BodyField } from './editor-body.js'
import { Actions, Bylines, CorrectionsList, KeyPointsField } from './editor-parts.js'
import { describedBy, Field, Notice, ProblemBanner } from './form-parts.js'
import { ImageChooser, type ChoosableImage } from './image-chooser.js'
import { SeoFields } from './seo-fields.js'
import { EMPTY_SEO } from '../../../domain/articles/article-seo.js'

export interface EditorPageProps {
  article?: Article
  values: EditorValues
  sections: readonly Section[]
  authorNames: readonly string[]
  /** What this user may do here: the moves, editing, deleting, autosave. */
  rights: EditorRights
  problem?: Problem
  previewHtml?: string
  conflict?: StaleEditError
  notice?: string
  /** After "Suggest" without the script: what was proposed, and the key points it replaced. */
  suggestion?: KeyPointSuggestion
  /** The lead image chooser's offer. */
  images: EditorImages
  /** The social image chooser's offer. */
  socialImages: EditorImages
}

/** The lead image the form names, and the library images offered beside it. */
export interface EditorImages {
  chosen: ChoosableImage | undefined
  found: readonly ChoosableImage[]
  query: string
}

/** The longest tag list the domain accepts: every tag at its longest, comma-separated. */
const TAG_LIST_LENGTH = ARTICLE_LIMITS.tags * (MAX_TAG_NAME_LENGTH + 2)

export function EditorPage(props: EditorPageProps) {
  const { article, values, sections, authorNames, problem, rights, previewHtml, conflict, notice } =
    props
  const { canEdit } = rights
  const { timeZone } = useSite()
  const action = article ? `/admin/articles/${article.id}` : '/admin/articles'
  const autosave = article && rights.autosave ? `${action}/autosave` : undefined
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
          {article && article.status !== 'published' && (
            <>
              {' · '}
              <a href={`${action}/previews`}>Preview links</a>
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
      <Notice notice={notice} />
      {/* A conflict is told once, by its panel; any other problem by the banner. */}
      {conflict ? (
        <ConflictPanel conflict={conflict} values={values} />
      ) : (
        <ProblemBanner problem={problem} />
      )}

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
              maxLength={ARTICLE_LIMITS.headline}
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
              maxLength={ARTICLE_LIMITS.standfirst}
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
              maxLength={ARTICLE_LIMITS.dateline}
              aria-describedby={describedBy('dateline', { hint: true, problem })}
            />
          </Field>
          <ImageChooser
            name="lead_image"
            legend="Lead image"
            hint="Shown above the story, with its caption and credit, and on the home page, in feeds and when shared. Pictures in the body: ![what it shows](media:ID), with the id from the library."
            chosen={props.images.chosen}
            found={props.images.found}
            query={props.images.query}
            search={{ name: 'intent', value: 'find_images' }}
            problem={problem}
            field="leadImage"
            forStories
          />
          <Bylines values={values} problem={problem} />
          <datalist id="author-names">
            {authorNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <BodyField body={values.body} problem={problem} previewHtml={previewHtml} />
          <KeyPointsField values={values} problem={problem} suggestion={props.suggestion} />
          <SeoFields
            seo={values.seo ?? article?.seo ?? EMPTY_SEO}
            story={values}
            images={props.socialImages}
            problem={problem}
          />
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
                maxLength={ARTICLE_LIMITS.correction}
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
                maxLength={TAG_LIST_LENGTH}
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
                maxLength={ARTICLE_LIMITS.slug}
                pattern="[a-z0-9]+(-[a-z0-9]+)*"
                aria-describedby={describedBy('slug', { hint: true, problem })}
              />
            </Field>
          </fieldset>
          <Actions rights={rights} values={values} problem={problem} />
          <p class="autosave-status" id="autosave-status" role="status" aria-live="polite" />
          {article && rights.canDelete && (
            <p>
              <a href={`${action}/delete`} class="danger-link">
                Delete this article…
              </a>
            </p>
          )}
        </div>
      </form>

      {article && <CorrectionsList corrections={article.corrections} />}
    </>
  )
}
