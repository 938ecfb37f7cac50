// The media library's answers to the editor's script (assets/media.js): the
// picker's search and an upload, as JSON.
import type { MediaItem } from '../../domain/media/media.js'
import { thumbnailOf, type UploadOutcome } from './views/media-library-page.js'

/** An image as the editor's picker shows it. */
export function choiceOf(item: MediaItem) {
  const thumb = thumbnailOf(item)
  return {
    id: item.id,
    fileName: item.fileName,
    alt: item.alt,
    decorative: item.decorative,
    caption: item.caption,
    credit: item.credit,
    thumbnail: thumb,
  }
}

/** An upload's outcome for a script: each image added, and each file refused with why. */
export function uploadAnswer(outcomes: readonly UploadOutcome[]) {
  return {
    items: outcomes.flatMap((outcome) =>
      'item' in outcome ? [{ ...choiceOf(outcome.item), duplicate: outcome.duplicate }] : [],
    ),
    refused: outcomes.flatMap((outcome) =>
      'problem' in outcome
        ? [
            {
              fileName: outcome.fileName,
              code: outcome.problem.code,
              message: outcome.problem.message,
            },
          ]
        : [],
    ),
  }
}
