import type { ImageRef } from '../../../domain/media/media.js'
import type { Problem } from '../../plugins/problems.js'
import { thumbnailOf } from './media-library-page.js'

/** An image the chooser offers: enough to show it and say whether it can go out. */
export type ChoosableImage = Pick<
  ImageRef,
  'id' | 'contentHash' | 'width' | 'height' | 'alt' | 'decorative' | 'caption' | 'fileName'
>

export interface ImageChooserProps {
  /** The form field the chosen id goes in ('' for none). */
  name: string
  legend: string
  hint: string
  /** The image chosen now, if any. */
  chosen: ChoosableImage | undefined
  /** What a search of the library found. */
  found: readonly ChoosableImage[]
  query: string
  /** The button that searches: in the editor it re-renders the form with what was typed. */
  search: { name: string; value: string }
  problem?: Problem | undefined
  /** The problem's field that means this chooser. */
  field: string
  /** A story's picture: its script's searches leave out images used only as authors' photos. */
  forStories?: boolean
}

function Choice({
  name,
  image,
  checked,
}: {
  name: string
  image: ChoosableImage
  checked: boolean
}) {
  const thumb = thumbnailOf(image)
  return (
    <li>
      <label class="image-choice">
        <input type="radio" name={name} value={image.id} checked={checked} />
        <img src={thumb.src} width={thumb.width} height={thumb.height} alt="" loading="lazy" />
        <span>
          {image.fileName}
          {image.caption && <span class="muted"> · {image.caption}</span>}
          {!image.decorative && image.alt.trim() === '' && (
            <span class="needs-alt"> · No alt text yet: needed before it goes out</span>
          )}
        </span>
      </label>{' '}
      <a href={`/admin/media/${image.id}`} target="_blank">
        Alt text, caption, credit…
      </a>
    </li>
  )
}

/**
 * Chooses a library image for a form field. Without JavaScript: radio buttons
 * and a search that sends the form back with what was typed. With it
 * (assets/media.js): an upload with alt text and caption, and drops.
 */
export function ImageChooser(props: ImageChooserProps) {
  const { name, chosen, found, problem } = props
  const others = found.filter((image) => image.id !== chosen?.id)
  const error = problem?.field === props.field ? problem : undefined
  return (
    <fieldset
      class={error ? 'image-chooser has-error' : 'image-chooser'}
      data-image-chooser={name}
      data-for-stories={props.forStories ? 'yes' : undefined}
      aria-describedby={`${name}-hint`}
    >
      <legend>{props.legend}</legend>
      <p class="hint" id={`${name}-hint`}>
        {props.hint}
      </p>
      {error && <p class="field-error">{error.message}</p>}
      <ul class="image-choices" data-choices>
        <li>
          <label class="image-choice">
            <input type="radio" name={name} value="" checked={!chosen} /> <span>No image</span>
          </label>
        </li>
        {chosen && <Choice name={name} image={chosen} checked />}
        {others.map((image) => (
          <Choice key={image.id} name={name} image={image} checked={false} />
        ))}
      </ul>
      <div class="image-search">
        <label for={`${name}-query`}>Find in the library</label>
        <input
          id={`${name}-query`}
          name={`${name}_query`}
          type="search"
          value={props.query}
          maxLength={200}
        />
        <button type="submit" name={props.search.name} value={props.search.value} class="secondary">
          Find images
        </button>
      </div>
      <div class="image-upload" data-image-upload hidden>
        <p class="hint">Or upload a photo (you can also drop it here):</p>
        <label for={`${name}-file`}>Photo</label>
        <input id={`${name}-file`} type="file" accept="image/*" data-upload-file />
        <label for={`${name}-alt`}>Alt text: what the photo shows</label>
        <input type="text" id={`${name}-alt`} maxLength={300} data-upload-field="alt" />
        <label for={`${name}-caption`}>Caption</label>
        <input type="text" id={`${name}-caption`} maxLength={1000} data-upload-field="caption" />
        <label for={`${name}-credit`}>Credit</label>
        <input type="text" id={`${name}-credit`} maxLength={200} data-upload-field="credit" />
        <button type="button" class="secondary" data-upload-button>
          Upload and use
        </button>
        <p class="upload-status" role="status" aria-live="polite" data-upload-status />
      </div>
    </fieldset>
  )
}
