// A library picture in the story, as the editor shows it: the picture's
// smallest rendition beside its description (what readers who cannot see it
// get), in one box. An inline atom, so the arrow keys select it as a whole
// (outlined), Delete removes it, and Ctrl+C/X/V move it; its Markdown stays
// ![description](media:ID). The thumbnail comes from the library's answer
// about the picture, asked once per picture and page.
import type { Node } from 'prosemirror-model'
import type { NodeView } from 'prosemirror-view'
import { element } from './dom.js'

export interface Thumbnail {
  src: string
  width: number
  height: number
}

const MEDIA_ID = /^media:([0-9a-f-]{36})$/

/** Thumbnails by media id: from the library's searches and uploads, or asked for. */
export class Thumbnails {
  private readonly known = new Map<string, Promise<Thumbnail | undefined>>()

  remember(id: string, thumbnail: Thumbnail | undefined): void {
    if (thumbnail?.src) this.known.set(id, Promise.resolve(thumbnail))
  }

  of(src: string): Promise<Thumbnail | undefined> {
    const id = MEDIA_ID.exec(src)?.[1]
    if (id === undefined) return Promise.resolve(undefined)
    let thumbnail = this.known.get(id)
    if (!thumbnail) {
      thumbnail = askLibrary(id)
      this.known.set(id, thumbnail)
    }
    return thumbnail
  }
}

async function askLibrary(id: string): Promise<Thumbnail | undefined> {
  try {
    const response = await fetch(`/admin/media/${id}`, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    })
    if (!response.ok) return undefined
    const answer = (await response.json()) as { thumbnail?: Thumbnail }
    return answer.thumbnail?.src ? answer.thumbnail : undefined
  } catch {
    // No thumbnail: the description still shows.
    return undefined
  }
}

/** The description as the box shows it: an empty one is called out, as it must be filled in. */
const described = (alt: string) => (alt === '' ? 'Picture with no description' : alt)

export function pictureView(thumbnails: Thumbnails) {
  return (node: Node): NodeView => {
    const image = element('img', { alt: '', hidden: true })
    const words = element('span', { class: 'editor-picture-alt' })
    const dom = element('span', { class: 'editor-picture editor-picture-thumb' }, image, words)
    let shown = ''
    const show = (picture: Node) => {
      const src = String(picture.attrs.src)
      words.textContent = described(String(picture.attrs.alt ?? ''))
      dom.title = `${src}${picture.attrs.title ? ` · ${String(picture.attrs.title)}` : ''}`
      if (src === shown) return
      shown = src
      image.hidden = true
      void thumbnails.of(src).then((thumbnail) => {
        if (!thumbnail || shown !== src) return
        image.src = thumbnail.src
        image.width = thumbnail.width
        image.height = thumbnail.height
        image.hidden = false
      })
    }
    show(node)
    return {
      dom,
      update(next) {
        if (next.type !== node.type) return false
        show(next)
        return true
      },
      // The box is drawn here, not typed in: nothing inside it is the writer's text.
      ignoreMutation: () => true,
    }
  }
}
