import {
  SEO_FIELDS,
  SEO_LABELS,
  SEO_LIMITS,
  type ArticleSeo,
  seoTextDefaults,
  type SeoField,
} from '../../../domain/articles/article-seo.js'
import { BRIEF_LENGTH, briefLine } from '../../../text/brief.js'
import type { Problem } from '../../plugins/problems.js'
import { SEO_NAMES } from '../editor-values.js'
import { describedBy } from './form-parts.js'
import { ImageChooser, type ChoosableImage } from './image-chooser.js'

const DESCRIPTIONS: ReadonlySet<SeoField> = new Set(['metaDescription', 'socialDescription'])

/** "42 of about 60 characters", and whether it is over. */
export function lengthNote(field: SeoField, length: number): { text: string; over: boolean } {
  const { advised } = SEO_LIMITS[field]
  const over = length > advised
  return {
    text: over
      ? `${length} characters: over the ${advised} that search results and cards show; the end will be cut off.`
      : `${length} of about ${advised} characters.`,
    over,
  }
}

function SeoText({
  field,
  value,
  fallback,
  problem,
}: {
  field: SeoField
  value: string
  /** What applies when it is left empty, in words, and how assets/desk.js keeps it current. */
  fallback: { words: string; text: string; live: LiveDefault }
  problem: Problem | undefined
}) {
  const name = SEO_NAMES[field]
  const id = field
  const note = lengthNote(field, value.length)
  const error = problem?.field === field ? problem.message : undefined
  const attributes = {
    id,
    name,
    maxLength: SEO_LIMITS[field].max,
    placeholder: fallback.text,
    'data-count': `${id}-count`,
    'data-advised': String(SEO_LIMITS[field].advised),
    'data-default-from': fallback.live.from,
    'data-default-otherwise': fallback.live.otherwise,
    'data-default-shown': `${id}-default`,
    'aria-describedby': [describedBy(id, { hint: true, problem }), `${id}-count`].join(' '),
  }
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{SEO_LABELS[field]}</label>
      <p class="hint" id={`${id}-hint`}>
        Optional. Left empty: {fallback.words}
        <span id={`${id}-default`}>{fallback.text ? ` (“${fallback.text}”)` : ''}</span>.
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {DESCRIPTIONS.has(field) ? (
        <textarea rows={3} {...attributes}>
          {value}
        </textarea>
      ) : (
        <input {...attributes} value={value} />
      )}
      <p class={note.over ? 'length-note over' : 'length-note'} id={`${id}-count`}>
        {note.text}
      </p>
    </div>
  )
}

export interface SeoFieldsProps {
  seo: ArticleSeo
  /** The story's fields as the form shows them: the defaults come from these. */
  story: { headline: string; standfirst: string; keyPoints: string; body: string }
  images: { chosen: ChoosableImage | undefined; found: readonly ChoosableImage[]; query: string }
  problem: Problem | undefined
}

const FALLBACK_WORDS: Record<SeoField, string> = {
  metaTitle: 'the headline',
  metaDescription: 'the standfirst (or the first line of the story)',
  socialTitle: 'the meta title, else the headline',
  socialDescription: 'the meta description, else the standfirst',
}

/**
 * How assets/desk.js keeps a default current as the writer types: the first
 * of `from`'s fields (by id) that is not empty, cut to `max:` characters as
 * the story's brief is, else `otherwise` (what the server worked out from
 * the body). Without the script the defaults the page was sent stay.
 */
interface LiveDefault {
  from: string
  otherwise: string
}

function liveDefaults(bodyBrief: string): Record<SeoField, LiveDefault> {
  const standfirst = `standfirst:${BRIEF_LENGTH}`
  return {
    metaTitle: { from: 'headline', otherwise: '' },
    metaDescription: { from: standfirst, otherwise: bodyBrief },
    socialTitle: { from: 'metaTitle headline', otherwise: '' },
    socialDescription: { from: `metaDescription ${standfirst}`, otherwise: bodyBrief },
  }
}

/** A share without its own words says what the search result says (article-seo.ts, effectiveSeo). */
function fallbackOf(field: SeoField, seo: ArticleSeo, defaults: ArticleSeo): string {
  if (field === 'socialTitle') return seo.metaTitle || defaults.socialTitle
  if (field === 'socialDescription') return seo.metaDescription || defaults.socialDescription
  return defaults[field]
}

/** Search and sharing: how the story looks in search results and when shared. */
export function SeoFields({ seo, story, images, problem }: SeoFieldsProps) {
  const keyPoints = story.keyPoints
    .split('\n')
    .map((point) => point.trim())
    .filter(Boolean)
  const content = { standfirst: story.standfirst.trim(), keyPoints, body: story.body }
  const defaults = seoTextDefaults({ ...story, brief: briefLine(content) })
  const live = liveDefaults(briefLine({ ...content, standfirst: '' }))
  return (
    <details
      class="seo-fields"
      open={
        SEO_FIELDS.some((field) => seo[field] !== '' || problem?.field === field) ||
        images.chosen !== undefined ||
        problem?.field === 'socialImage' ||
        undefined
      }
    >
      <summary>Search and sharing</summary>
      {SEO_FIELDS.map((field) => (
        <SeoText
          key={field}
          field={field}
          value={seo[field]}
          fallback={{
            words: FALLBACK_WORDS[field],
            text: fallbackOf(field, seo, defaults),
            live: live[field],
          }}
          problem={problem}
        />
      ))}
      <ImageChooser
        name="social_image"
        legend="Social image"
        hint="Optional: the picture shown when the story is shared. Left empty: the lead image."
        chosen={images.chosen}
        found={images.found}
        query={images.query}
        search={{ name: 'intent', value: 'find_images' }}
        problem={problem}
        field="socialImage"
        forStories
      />
    </details>
  )
}
