import { RENDITION_MIME_TYPES, type Rendition } from '../../../domain/media/rendition.js'
import { mediaPath } from '../../ui/urls.js'

/** A file's size for people: whole kilobytes, at least 1. */
export const kilobytes = (bytes: number) =>
  `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en')} KB`

/** A crop's proportions in words: 16:9, 4:3, 1:1. */
function aspectOf({ width, height }: { width: number; height: number }): string {
  const known: [string, number][] = [
    ['16:9', 16 / 9],
    ['4:3', 4 / 3],
    ['1:1', 1],
  ]
  const ratio = width / height
  const nearest = known.reduce((best, candidate) =>
    Math.abs(candidate[1] - ratio) < Math.abs(best[1] - ratio) ? candidate : best,
  )
  return nearest[0]
}

/** An image's renditions, smallest first, each linked, with its size once it is made. */
export function Renditions({ renditions }: { renditions: readonly Rendition[] }) {
  return (
    <table class="renditions">
      <caption class="visually-hidden">Renditions, smallest first</caption>
      <thead>
        <tr>
          <th scope="col">Size</th>
          <th scope="col">Format</th>
          <th scope="col">Shows</th>
          <th scope="col">File</th>
        </tr>
      </thead>
      <tbody>
        {renditions.map((rendition) => (
          <tr key={rendition.name}>
            <td>
              {rendition.width} × {rendition.height}
            </td>
            <td>{RENDITION_MIME_TYPES[rendition.format]}</td>
            <td>{rendition.crop ? `Crop, ${aspectOf(rendition)}` : 'The whole picture'}</td>
            <td>
              <a href={mediaPath(rendition.name)}>{rendition.name}</a>
              {rendition.byteSize === null ? (
                <span class="muted"> (being made)</span>
              ) : (
                <span class="muted"> ({kilobytes(rendition.byteSize)})</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
