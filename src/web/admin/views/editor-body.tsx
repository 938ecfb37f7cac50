import { ARTICLE_LIMITS } from '../../../domain/articles/article.js'
import type { Problem } from '../../plugins/problems.js'
import { TrustedHtml } from '../../ui/trusted-html.js'
import { BodyWarnings } from './editor-parts.js'
import { describedBy, Field } from './form-parts.js'

/**
 * The story's body: the Markdown textarea the rich-text editor mounts over (and
 * which works without it), what the site would drop from it, and the preview.
 */
export function BodyField({
  body,
  problem,
  previewHtml,
}: {
  body: string
  problem?: Problem | undefined
  previewHtml?: string | undefined
}) {
  return (
    <>
      <Field
        id="body"
        label="Body"
        hint="Markdown: a blank line between paragraphs; ## or ### before a subheading, > before a quotation, - or 1. before a list item; **bold**, *italic*, [words](https://…) for a link. The rich-text editor's toolbar and shortcuts (Ctrl+B, Ctrl+I, Ctrl+K) write the same."
        problem={problem}
      >
        <textarea
          id="body"
          name="body"
          rows={22}
          maxLength={ARTICLE_LIMITS.body}
          aria-describedby={describedBy('body', { hint: true, problem })}
        >
          {body}
        </textarea>
        <BodyWarnings body={body} />
      </Field>
      <button type="submit" name="intent" value="preview" class="secondary">
        Preview
      </button>
      <section class="preview" id="preview" aria-label="Preview" hidden={!previewHtml}>
        {previewHtml && <TrustedHtml class="story-body" html={previewHtml} />}
      </section>
    </>
  )
}
