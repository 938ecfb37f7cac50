import type { ImageRef } from '../../domain/media/media.js'
import type { PictureModel } from '../../domain/media/rendition.js'

/**
 * A responsive picture: AVIF and WebP sources and a JPEG <img> with its
 * srcset, `sizes`, and its width and height, so the page keeps its place while
 * it loads. Lazy unless it is the page's first picture (`priority`).
 */
export function Picture({
  picture,
  sizes,
  priority = false,
  class: className,
}: {
  picture: PictureModel
  sizes: string
  priority?: boolean
  class?: string
}) {
  return (
    <picture>
      {picture.sources.map((source) => (
        <source key={source.type} type={source.type} srcset={source.srcset} sizes={sizes} />
      ))}
      <img
        src={picture.fallback.src}
        srcset={picture.fallback.srcset}
        sizes={sizes}
        width={picture.width}
        height={picture.height}
        alt={picture.alt}
        class={className}
        {...(priority
          ? { fetchpriority: 'high' }
          : { loading: 'lazy' as const, decoding: 'async' as const })}
      />
    </picture>
  )
}

/** The caption and the credit under a picture; nothing when it has neither. */
export function Caption({ image }: { image: Pick<ImageRef, 'caption' | 'credit'> }) {
  if (image.caption === '' && image.credit === '') return null
  return (
    <figcaption>
      {image.caption}
      {image.caption !== '' && image.credit !== '' && ' '}
      {image.credit !== '' && <span class="credit">{image.credit}</span>}
    </figcaption>
  )
}
