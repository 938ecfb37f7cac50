// The pictures an article shows: its lead image, chosen from the library, and
// the library images its body names (`![…](media:ID)`). Resolved when it is
// saved, so that the article, its usages and its pages agree.
import { imageReferences } from '../../text/markdown.js'
import { ValidationError } from '../errors.js'
import { isId } from '../ids.js'
import { imageRefOf, type ImageRef } from '../media/media.js'
import type { Stores } from '../unit-of-work.js'
import type { Article } from './article.js'

/** Images one article may show: more would be a gallery, which is another feature. */
export const MAX_ARTICLE_IMAGES = 50

const sameIds = (a: readonly { id: string }[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((image, index) => image.id === b[index])

/** Why a Markdown image that is not from the library is refused, in the writer's words. */
function foreignImageProblem(source: string): ValidationError {
  const remote = /^([a-z][a-z0-9+.-]*:)?\/\//i.test(source) || /^[a-z][a-z0-9+.-]*:/i.test(source)
  return new ValidationError(
    remote ? 'remote_image' : 'unknown_image',
    remote
      ? `The body shows an image from another site (${source.slice(0, 120)}). Pages never load anything from other sites: download the picture, upload it to the media library, and insert it from there.`
      : `The body shows an image that is not in the media library (${source.slice(0, 120) || 'no address'}). Upload it to the library and insert it from there: ![description](media:ID).`,
    { field: 'body' },
  )
}

/**
 * The lead image and the body's library images, checked: each must be in the
 * library, and (unless `foreignImages` is 'keep') the body may show no other
 * image. What the article already shows is not looked up again.
 */
export async function resolveImages(
  stores: Stores,
  input: { body: string; leadImageId?: string | null; socialImageId?: string | null },
  { current, foreignImages }: { current: Article | undefined; foreignImages: 'refuse' | 'keep' },
): Promise<{ leadImage: ImageRef | null; inlineImages: ImageRef[]; socialImage: ImageRef | null }> {
  const references = imageReferences(input.body)
  const [foreign] = references.other
  if (foreign !== undefined && foreignImages === 'refuse') throw foreignImageProblem(foreign)
  if (references.library.length > MAX_ARTICLE_IMAGES) {
    throw new ValidationError(
      'too_many_images',
      `An article shows at most ${MAX_ARTICLE_IMAGES} images.`,
      { field: 'body' },
    )
  }
  const leadId =
    input.leadImageId === undefined ? (current?.leadImage?.id ?? null) : input.leadImageId
  if (leadId !== null && !isId(leadId)) throw missing('leadImage')
  const socialId =
    input.socialImageId === undefined ? (current?.socialImage?.id ?? null) : input.socialImageId
  if (socialId !== null && !isId(socialId)) throw missing('socialImage')
  const badInline = references.library.find((id) => !isId(id))
  if (badInline !== undefined) throw missing('body', badInline)

  const known = new Map<string, ImageRef>()
  for (const image of [
    ...(current?.inlineImages ?? []),
    ...(current?.leadImage ? [current.leadImage] : []),
    ...(current?.socialImage ? [current.socialImage] : []),
  ]) {
    known.set(image.id, image)
  }
  const unchanged =
    current !== undefined &&
    (current.leadImage?.id ?? null) === leadId &&
    (current.socialImage?.id ?? null) === socialId &&
    sameIds(current.inlineImages, references.library)
  if (!unchanged) {
    const chosen = [leadId, socialId].filter((id): id is string => id !== null)
    const wanted = [...new Set([...chosen, ...references.library])]
    const toRead = wanted.filter((id) => !known.has(id))
    // One read for every image the save adds; none when it adds none.
    for (const item of await stores.media.findByIds(toRead)) known.set(item.id, imageRefOf(item))
  }
  const refOf = (id: string, field: ImageField): ImageRef => {
    const image = known.get(id)
    if (!image) throw missing(field, id)
    return image
  }
  return {
    leadImage: leadId === null ? null : refOf(leadId, 'leadImage'),
    inlineImages: references.library.map((id) => refOf(id, 'body')),
    socialImage: socialId === null ? null : refOf(socialId, 'socialImage'),
  }
}

type ImageField = 'leadImage' | 'socialImage' | 'body'

function missing(field: ImageField, id?: string): ValidationError {
  return new ValidationError(
    'image_not_found',
    field !== 'body'
      ? `The ${field === 'leadImage' ? 'lead' : 'social'} image is not in the media library (it may have been deleted). Choose another.`
      : `The body names an image that is not in the media library (media:${(id ?? '').slice(0, 64)}). Insert it from the library again.`,
    { field },
  )
}
