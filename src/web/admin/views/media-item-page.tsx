import type { MediaDetails } from '../../../domain/media/media-service.js'
import { MEDIA_LIMITS, type MediaFields } from '../../../domain/media/media.js'
import { pictureOf } from '../../../domain/media/rendition.js'
import { describeUsage } from '../../../domain/media/usage-words.js'
import { DateTime } from '../../ui/date-time.js'
import { Picture } from '../../ui/picture.js'
import { mediaPath } from '../../ui/urls.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, Notice, ProblemBanner } from './form-parts.js'
import { kilobytes, Renditions } from './media-renditions.js'

/** The fields as typed, when the form comes back with a problem. */
export type MediaFieldsAttempt = MediaFields & { version: number }

export interface MediaItemPageProps extends MediaDetails {
  attempt?: MediaFieldsAttempt | undefined
  problem?: Problem | undefined
  notice?: string | undefined
}

const percent = (fraction: number) => String(Math.round(fraction * 1000) / 10)

type TextFieldName = 'alt' | 'caption' | 'credit' | 'copyright'

const TEXT_FIELDS: Record<TextFieldName, { label: string; hint: string }> = {
  alt: {
    label: 'Alt text',
    hint: 'What the picture shows, for people who cannot see it. Needed before a story with it is published, unless it is decorative.',
  },
  caption: { label: 'Caption', hint: 'Shown under the picture.' },
  credit: {
    label: 'Credit',
    hint: 'Photographer and agency, e.g. “Sigrid Lunde / Nordic Wire”.',
  },
  copyright: { label: 'Copyright', hint: 'As the rights holder writes it.' },
}

/** One of the image's words: a textarea when `rows` is given, else a line. */
function TextField({
  field,
  value,
  problem,
  rows,
}: {
  field: TextFieldName
  value: string
  problem: Problem | undefined
  rows?: number
}) {
  const { label, hint } = TEXT_FIELDS[field]
  const attributes = {
    id: field,
    name: field,
    maxLength: MEDIA_LIMITS[field],
    'aria-describedby': describedBy(field, { hint: true, problem }),
  }
  return (
    <Field id={field} label={label} hint={hint} problem={problem}>
      {rows === undefined ? (
        <input type="text" value={value} {...attributes} />
      ) : (
        <textarea rows={rows} {...attributes}>
          {value}
        </textarea>
      )}
    </Field>
  )
}

function FieldsForm({
  id,
  values,
  problem,
  disabled,
}: {
  id: string
  values: MediaFieldsAttempt
  problem: Problem | undefined
  disabled: boolean
}) {
  const text = (field: TextFieldName) => ({ field, value: values[field], problem })
  return (
    <form method="post" action={`/admin/media/${id}`} class="stack-form">
      <CsrfField />
      <input type="hidden" name="version" value={values.version} />
      <fieldset disabled={disabled}>
        <legend class="visually-hidden">About this image</legend>
        <TextField {...text('alt')} rows={2} />
        <div class="field checkbox">
          <input
            id="decorative"
            name="decorative"
            type="checkbox"
            value="yes"
            checked={values.decorative}
          />
          <label for="decorative">
            Decorative: it adds nothing a reader would miss (screen readers skip it)
          </label>
        </div>
        <TextField {...text('caption')} rows={3} />
        <TextField {...text('credit')} />
        <TextField {...text('copyright')} />
        <fieldset class="focal-point">
          <legend>Focal point</legend>
          <p class="hint" id="focal-hint">
            The part of the picture that crops keep in frame, in percent from the left and from the
            top. Click the picture to set it.
          </p>
          <Field id="focal_x" label="From the left (%)" problem={problem}>
            <input
              id="focal_x"
              name="focal_x"
              type="number"
              min={0}
              max={100}
              step="0.1"
              value={percent(values.focalPoint.x)}
              aria-describedby="focal-hint"
            />
          </Field>
          <Field id="focal_y" label="From the top (%)" problem={problem}>
            <input
              id="focal_y"
              name="focal_y"
              type="number"
              min={0}
              max={100}
              step="0.1"
              value={percent(values.focalPoint.y)}
              aria-describedby="focal-hint"
            />
          </Field>
        </fieldset>
        <button type="submit" class="primary">
          Save
        </button>
      </fieldset>
    </form>
  )
}

/** One image: a preview, its fields, where it is used, its renditions, and deletion. */
export function MediaItemPage({
  item,
  renditions,
  usages,
  canEdit,
  canDelete,
  attempt,
  problem,
  notice,
}: MediaItemPageProps) {
  const picture = pictureOf(item, mediaPath)
  const values = attempt ?? { ...item, version: item.version }
  return (
    <>
      <p>
        <a href="/admin/media">← Media</a>
      </p>
      <h1>{item.fileName}</h1>
      <Notice notice={notice} />
      <ProblemBanner problem={problem} />
      <div class="media-item">
        <div class="focal-picker" data-focal-picker>
          <Picture picture={picture} sizes="(min-width: 60em) 30em, 100vw" priority />
          <span class="focal-marker" data-focal-marker hidden aria-hidden="true" />
        </div>
        <dl class="media-facts">
          <dt>Size</dt>
          <dd>
            {item.width} × {item.height} pixels, {item.format.toUpperCase()},{' '}
            {kilobytes(item.byteSize)}
          </dd>
          <dt>Uploaded</dt>
          <dd>
            <DateTime date={item.createdAt} withTime /> by{' '}
            {item.createdByName || 'the command line'}
          </dd>
          <dt>Used in</dt>
          <dd>
            {usages.length === 0 ? (
              'Nothing yet.'
            ) : (
              <ul class="usages">
                {usages.map((usage) => (
                  <li key={`${usage.kind}-${usage.ownerId}`}>
                    {usage.kind === 'author_photo' || usage.kind === 'site_logo' ? (
                      describeUsage(usage)
                    ) : (
                      <a href={`/admin/articles/${usage.ownerId}`}>{describeUsage(usage)}</a>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </div>
      <section aria-labelledby="fields-title" class="narrow">
        <h2 id="fields-title">About this image</h2>
        {!canEdit && (
          <p class="muted">Only the person who uploaded it, editors and admins can change these.</p>
        )}
        <FieldsForm id={item.id} values={values} problem={problem} disabled={!canEdit} />
      </section>
      <section aria-labelledby="renditions-title">
        <h2 id="renditions-title">Renditions</h2>
        <p class="muted">
          Made once from the original, oriented, in sRGB, with all metadata (GPS too) removed.
          Readers are only ever sent these.
        </p>
        <Renditions renditions={renditions} />
      </section>
      {canDelete && (
        <section aria-labelledby="delete-title" class="narrow danger-zone">
          <h2 id="delete-title">Delete</h2>
          <p>
            Deleting removes the image and every file made from it. An image in use cannot be
            deleted.
          </p>
          <form method="post" action={`/admin/media/${item.id}/delete`}>
            <CsrfField />
            <button type="submit" class="danger">
              Delete this image
            </button>
          </form>
        </section>
      )}
    </>
  )
}
