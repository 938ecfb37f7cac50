// The formatting toolbar: one tab stop (arrow keys move between buttons, as
// WAI-ARIA's toolbar pattern has it), aria-pressed on what applies to the
// selection, and the shortcut in each button's title.
import type { EditorState, Command } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { element } from './dom.js'

export interface Tool {
  label: string
  keys?: string
  run: Command | ((view: EditorView) => void)
  /** For toggles: whether it applies where the caret is (aria-pressed). */
  active?: (state: EditorState) => boolean
  /** For actions that need the view (a dialog), not a command. */
  opensPanel?: boolean
}

const MAC = /Mac|iPhone|iPad/.test(navigator.platform)
const keyText = (keys: string) =>
  keys
    .replace('Mod', MAC ? '⌘' : 'Ctrl')
    .replace('Alt', MAC ? '⌥' : 'Alt')
    .replace(/-/g, '+')

export interface Toolbar {
  dom: HTMLElement
  update(state: EditorState): void
  focus(): void
}

export function createToolbar(
  groups: Tool[][],
  getView: () => EditorView,
  controls: string,
): Toolbar {
  const buttons: { tool: Tool; button: HTMLButtonElement }[] = []
  const dom = element('div', {
    class: 'rich-toolbar',
    role: 'toolbar',
    'aria-label': 'Formatting',
    'aria-controls': controls,
  })
  for (const group of groups) {
    const part = element('div', { class: 'rich-toolbar-group' })
    for (const tool of group) {
      const button = element(
        'button',
        {
          type: 'button',
          title: tool.keys ? `${tool.label} (${keyText(tool.keys)})` : tool.label,
          'aria-keyshortcuts': tool.keys
            ?.replace('Mod', MAC ? 'Meta' : 'Control')
            .replace(/-/g, '+'),
          tabindex: buttons.length === 0 ? '0' : '-1',
        },
        tool.label,
      )
      if (tool.active) button.setAttribute('aria-pressed', 'false')
      // Keep the editor's selection: a click on a button must not take focus from the text first.
      button.addEventListener('mousedown', (event) => event.preventDefault())
      button.addEventListener('click', () => run(tool, button))
      buttons.push({ tool, button })
      part.append(button)
    }
    dom.append(part)
  }

  function run(tool: Tool, button: HTMLButtonElement) {
    if (button.getAttribute('aria-disabled') === 'true') return
    const view = getView()
    if (tool.opensPanel) {
      ;(tool.run as (view: EditorView) => void)(view)
      return
    }
    ;(tool.run as Command)(view.state, view.dispatch, view)
    view.focus()
  }

  dom.addEventListener('keydown', (event) => {
    const at = buttons.findIndex(({ button }) => button === document.activeElement)
    if (at < 0) return
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: buttons.length - 1,
    }
    if (event.key === 'Escape') {
      event.preventDefault()
      getView().focus()
      return
    }
    const next = moves[event.key]
    if (next === undefined) return
    event.preventDefault()
    moveTo((next + buttons.length) % buttons.length)
  })

  function moveTo(index: number) {
    buttons.forEach(({ button }, at) => button.setAttribute('tabindex', at === index ? '0' : '-1'))
    buttons[index]?.button.focus()
  }

  return {
    dom,
    update(state) {
      for (const { tool, button } of buttons) {
        if (tool.active) button.setAttribute('aria-pressed', String(tool.active(state)))
        if (!tool.opensPanel) {
          const possible = (tool.run as Command)(state)
          button.setAttribute('aria-disabled', String(!possible))
        }
      }
    },
    focus() {
      const current = buttons.find(({ button }) => button.getAttribute('tabindex') === '0')
      current?.button.focus()
    },
  }
}
