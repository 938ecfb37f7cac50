// Library images as pages, feeds and cards name them: picture models built
// from the domain's rendition plan, with this site's media address.
import { shareCrop, squarePictureOf, type CropAspect } from '../../domain/media/crops.js'
import type { ImageRef } from '../../domain/media/media.js'
import { pictureOf, plannedRenditions, type PictureModel } from '../../domain/media/rendition.js'
import type { ImageResolver } from '../../text/markdown.js'
import type { FigureImage } from '../../text/picture-html.js'
import type { SiteInfo } from './site.js'

type MediaSite = Pick<SiteInfo, 'media'>

const urlIn = (base: string) => (name: string) => `${base}/${name}`

/** The image's <picture>, with addresses for a page (or, `absolute`, for a feed). */
export function pictureFor(site: MediaSite, image: ImageRef, absolute = false): PictureModel {
  return pictureOf(image, urlIn(absolute ? site.media.absolute : site.media.page))
}

/** A square <picture> around the focal point: author photos. */
export function squarePictureFor(site: MediaSite, image: ImageRef): PictureModel {
  return squarePictureOf(image, urlIn(site.media.page))
}

/** The picture and the words under it, as the Markdown renderer's figures take them. */
export function figureFor(site: MediaSite, image: ImageRef, absolute = false): FigureImage {
  return {
    picture: pictureFor(site, image, absolute),
    caption: image.caption,
    credit: image.credit,
  }
}

/** How a body's `media:ID` images are shown: from the article's own images, by id. */
export function imageResolver(
  site: MediaSite,
  images: readonly ImageRef[],
  absolute = false,
): ImageResolver {
  const byId = new Map(images.map((image) => [image.id, image]))
  return (id) => {
    const image = byId.get(id)
    return image && figureFor(site, image, absolute)
  }
}

/** A crop for machines: its absolute address and size. */
export interface SharedImage {
  url: string
  width: number
  height: number
}

export function sharedImage(site: MediaSite, image: ImageRef, aspect: CropAspect): SharedImage {
  const spec = shareCrop(image, aspect)
  return { url: `${site.media.absolute}/${spec.name}`, width: spec.width, height: spec.height }
}

/** The classes that put an image's focal point at the centre of a cropped box (site.css). */
export function focalClasses(image: ImageRef): string {
  const tenth = (value: number) => Math.min(10, Math.max(0, Math.round(value * 10)))
  return `fx-${tenth(image.focalPoint.x)} fy-${tenth(image.focalPoint.y)}`
}

/** Feeds' picture of a story: the whole picture as a JPEG of about 1200 pixels or more, if it has them. */
export function feedImage(site: MediaSite, image: ImageRef): SharedImage {
  const jpegs = plannedRenditions(image).filter((spec) => spec.format === 'jpeg')
  const spec = jpegs.find((candidate) => candidate.width >= 1200) ?? jpegs.at(-1)
  return {
    url: `${site.media.absolute}/${spec?.name ?? ''}`,
    width: spec?.width ?? image.width,
    height: spec?.height ?? image.height,
  }
}
