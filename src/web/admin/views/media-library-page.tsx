import type { MediaPage } from '../../../domain/media/media-service.js'
import type { MediaItem } from '../../../domain/media/media.js'
import { plannedRenditions } from '../../../domain/media/rendition.js'
import { DateTime } from '../../ui/date-time.js'
import { Pagination } from '../../ui/pagination.js'
import { mediaPath } from '../../ui/urls.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { Notice, ProblemBanner } from './form-parts.js'

/** What happened to one file of an upload. */
export type UploadOutcome =
  | { fileName: string; item: MediaItem; duplicate: boolean; filled: string[] }
  | { fileName: string; problem: Problem }

export interface MediaLibraryPageProps {
  library: MediaPage
  query: string
  maxMegabytes: number
  notice?: string | undefined
  problem?: Problem | undefined
  outcomes?: readonly UploadOutcome[] | undefined
}

/** The smallest WebP rendition: what the grid shows. */
export function thumbnailOf(item: Pick<MediaItem, 'contentHash' | 'width' | 'height'>): {
  src: string
  width: number
  height: number
} {
  const planned = plannedRenditions(item)
  const thumb = planned.find((spec) => spec.format === 'webp') ?? planned[0]
  return thumb
    ? { src: mediaPath(thumb.name), width: thumb.width, height: thumb.height }
    : { src: '', width: item.width, height: item.height }
}

export function UploadForm({ maxMegabytes }: { maxMegabytes: number }) {
  return (
    <form
      method="post"
      action="/admin/media"
      enctype="multipart/form-data"
      class="upload-form"
      data-dropzone
    >
      {/* First, so that the token is read before any file: the server checks it before storing one. */}
      <CsrfField />
      <label for="files">Photos to add</label>
      <p class="hint" id="files-hint">
        JPEG, PNG, WebP, AVIF, TIFF or a still GIF, up to {maxMegabytes} MB each; several at once.
        Captions, credits and copyright are read from the files where agencies put them.
      </p>
      <p class="hint drop-hint" data-drop-hint hidden>
        Or drop files here.
      </p>
      <input
        id="files"
        name="files"
        type="file"
        multiple
        required
        accept="image/jpeg,image/png,image/webp,image/avif,image/tiff,image/gif"
        aria-describedby="files-hint"
      />
      <button type="submit" class="primary">
        Upload
      </button>
    </form>
  )
}

function Outcomes({ outcomes }: { outcomes: readonly UploadOutcome[] }) {
  return (
    <ul class="upload-outcomes">
      {outcomes.map((outcome, index) =>
        'problem' in outcome ? (
          <li key={index} class="refused">
            ✗ <strong>{outcome.fileName}</strong>: {outcome.problem.message}
          </li>
        ) : (
          <li key={index} class="added">
            ✓ <a href={`/admin/media/${outcome.item.id}`}>{outcome.fileName}</a>
            {outcome.duplicate
              ? ': already in the library (nothing changed).'
              : outcome.filled.length > 0
                ? `: added; ${outcome.filled.join(', ')} filled from the file.`
                : ': added.'}
          </li>
        ),
      )}
    </ul>
  )
}

function Tile({ item }: { item: MediaItem }) {
  const thumb = thumbnailOf(item)
  return (
    <li class="media-tile" id={`media-${item.id}`}>
      <a href={`/admin/media/${item.id}`}>
        <img src={thumb.src} width={thumb.width} height={thumb.height} alt="" loading="lazy" />
        <span class="media-name">{item.fileName}</span>
      </a>
      {item.caption && <span class="media-caption">{item.caption}</span>}
      <span class="muted">
        {item.width} × {item.height} · <DateTime date={item.createdAt} />
        {!item.alt && !item.decorative && <strong class="needs-alt"> · no alt text</strong>}
      </span>
    </li>
  )
}

/** The media library: an upload form, search, and a grid of every image, newest first. */
export function MediaLibraryPage({
  library,
  query,
  maxMegabytes,
  notice,
  problem,
  outcomes,
}: MediaLibraryPageProps) {
  const listPath = query ? `/admin/media?q=${encodeURIComponent(query)}` : '/admin/media'
  return (
    <>
      <h1>Media</h1>
      <Notice notice={notice} />
      <ProblemBanner problem={problem} />
      {outcomes && outcomes.length > 0 && <Outcomes outcomes={outcomes} />}
      <UploadForm maxMegabytes={maxMegabytes} />

      <form method="get" action="/admin/media" class="search-form" role="search">
        <label for="q">Search captions, credits and file names</label>
        <input id="q" name="q" type="search" value={query} maxLength={200} />
        <button type="submit">Search</button>
      </form>
      <p class="muted" role="status">
        {library.total === 0
          ? query
            ? `No image matches “${query}”.`
            : 'The library is empty: upload the first photos above.'
          : `${library.total} ${library.total === 1 ? 'image' : 'images'}${query ? ` matching “${query}”` : ''}.`}
      </p>
      {library.items.length > 0 && (
        <ul class="media-grid">
          {library.items.map((item) => (
            <Tile key={item.id} item={item} />
          ))}
        </ul>
      )}
      <Pagination
        path={listPath}
        page={library.page}
        pageCount={library.pageCount}
        items="images"
      />
    </>
  )
}
