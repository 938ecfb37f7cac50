// The shell the editor's panels share (the link and the picture panel): a
// labelled group between the toolbar and the story, hidden until opened,
// closed by Escape or its own buttons, giving the story back the focus.
import type { EditorView } from 'prosemirror-view'
import { element } from './dom.js'

export interface Panel {
  dom: HTMLElement
  open(view: EditorView): void
}

export interface PanelShell {
  dom: HTMLElement
  /** The editor the panel was last opened for. */
  readonly view: EditorView | undefined
  /** Shows the panel for `view`, the focus in `control`. */
  show(view: EditorView, control: HTMLElement): void
  close(): void
}

export function panelShell(
  label: string,
  children: readonly (Node | string)[],
  onClose: () => void = () => undefined,
): PanelShell {
  const dom = element(
    'div',
    { class: 'rich-panel', role: 'group', 'aria-label': label, hidden: true },
    ...children,
  )
  let view: EditorView | undefined
  const shell: PanelShell = {
    dom,
    get view() {
      return view
    },
    show(target, control) {
      view = target
      dom.hidden = false
      control.focus()
    },
    close() {
      dom.hidden = true
      onClose()
      view?.focus()
    },
  }
  dom.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    shell.close()
  })
  return shell
}
