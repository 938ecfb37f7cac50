// A responsive picture as HTML text, for the Markdown renderer's figures. Pure
// and escaped: every value goes through escapeAttribute. Pages built with JSX
// use web/ui/picture.tsx, which writes the same elements.

/** What a <picture> needs: the shape of domain/media's PictureModel, which text/ cannot import. */
export interface PictureHtml {
  /** The image's own proportions, written as width and height: the page keeps its place. */
  width: number
  height: number
  alt: string
  /** Best format first. */
  sources: readonly { type: string; srcset: string }[]
  fallback: { src: string; srcset: string }
}

/** A library image in a body: its picture and what is written under it. */
export interface FigureImage {
  picture: PictureHtml
  caption: string
  credit: string
}

/** How a picture loads: lazily below the fold (the default), eagerly and first for the lead. */
export interface PictureLoading {
  /** The width the picture takes on the page, per viewport (the `sizes` attribute). */
  sizes: string
  priority?: boolean
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** `<picture>` with a <source> per better format and a JPEG <img> that has its size. */
export function pictureHtml(picture: PictureHtml, { sizes, priority = false }: PictureLoading) {
  const size = escapeAttribute(sizes)
  const sources = picture.sources
    .map(
      (source) =>
        `<source type="${escapeAttribute(source.type)}" srcset="${escapeAttribute(source.srcset)}" sizes="${size}">`,
    )
    .join('')
  const loading = priority ? ' fetchpriority="high"' : ' loading="lazy" decoding="async"'
  return `<picture>${sources}<img src="${escapeAttribute(picture.fallback.src)}" srcset="${escapeAttribute(picture.fallback.srcset)}" sizes="${size}" width="${picture.width}" height="${picture.height}" alt="${escapeAttribute(picture.alt)}"${loading}></picture>`
}

/** The caption and the credit, as shown under a picture; '' when it has neither. */
export function captionHtml({ caption, credit }: Pick<FigureImage, 'caption' | 'credit'>): string {
  if (caption === '' && credit === '') return ''
  const parts = [
    caption === '' ? '' : escapeText(caption),
    credit === '' ? '' : `<span class="credit">${escapeText(credit)}</span>`,
  ].filter((part) => part !== '')
  return `<figcaption>${parts.join(' ')}</figcaption>`
}

/** A library image standing on its own in a body: the picture, its caption and credit. */
export function figureHtml(image: FigureImage, loading: PictureLoading): string {
  return `<figure class="figure">${pictureHtml(image.picture, loading)}${captionHtml(image)}</figure>\n`
}
