// "Picture": find a photo in the media library and put it in the story as
// ![description](media:ID), the form the site shows as a figure.
import { element, onEnter } from './dom.js'
import { panelShell, type Panel } from './panel.js'
import { insertPictures, missingAltText, searchLibrary, type LibraryItem } from './library.js'
import type { Thumbnails } from './picture-view.js'

export function createPicturePanel(say: (message: string) => void, thumbnails: Thumbnails): Panel {
  const input = element('input', { id: 'rich-picture-query', type: 'search', autocomplete: 'off' })
  const search = element('button', { type: 'button' }, 'Search')
  const cancel = element('button', { type: 'button', class: 'secondary' }, 'Close')
  const status = element('p', { class: 'rich-panel-message', role: 'status' })
  const results = element('ul', { class: 'rich-picture-results', 'aria-label': 'Pictures found' })
  const shell = panelShell('Picture from the library', [
    element('label', { for: 'rich-picture-query' }, 'Find a picture in the library'),
    input,
    search,
    cancel,
    status,
    results,
  ])
  const close = () => shell.close()

  const choose = (item: LibraryItem) => {
    const view = shell.view
    if (!view) return
    insertPictures(view, [item], thumbnails)
    say(
      missingAltText([item])
        ? `Picture added: ${item.fileName}. Give it alt text in the library before this goes out.`
        : `Picture added: ${item.fileName}.`,
    )
    close()
  }

  const find = async () => {
    status.textContent = 'Searching…'
    results.replaceChildren()
    try {
      const items = await searchLibrary(input.value)
      status.textContent = items.length === 0 ? 'No pictures found.' : `${items.length} found.`
      for (const item of items) {
        const words = [item.fileName, item.alt || item.caption].filter(Boolean).join(' · ')
        const button = element('button', { type: 'button', class: 'secondary' }, `Insert ${words}`)
        button.addEventListener('click', () => choose(item))
        results.append(element('li', {}, button))
      }
      results.querySelector('button')?.focus()
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error)
    }
  }

  onEnter(input, () => void find())
  search.addEventListener('click', () => void find())
  cancel.addEventListener('click', close)
  return {
    dom: shell.dom,
    open: (target) => shell.show(target, input),
  }
}
