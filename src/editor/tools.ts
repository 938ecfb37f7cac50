// The toolbar's buttons, in the order a writer reaches them.
import { redo, redoDepth, undo, undoDepth } from 'prosemirror-history'
import type { Command } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { storySchema as schema } from '../text/rich-text/schema.js'
import {
  blockActive,
  insertRule,
  markActive,
  toggleBold,
  toggleHeading,
  toggleItalic,
  toggleList,
  toggleWrap,
} from './commands.js'
import type { Tool } from './toolbar.js'

const { nodes, marks } = schema

const whenPossible =
  (depth: typeof undoDepth, command: Command): Command =>
  (state, dispatch, view) =>
    depth(state) > 0 && command(state, dispatch, view)

export function toolGroups(panels: {
  openLink: (view: EditorView) => void
  openPicture: (view: EditorView) => void
}): Tool[][] {
  return [
    [
      { label: 'Bold', keys: 'Mod-B', run: toggleBold, active: (s) => markActive(s, marks.strong) },
      { label: 'Italic', keys: 'Mod-I', run: toggleItalic, active: (s) => markActive(s, marks.em) },
      { label: 'Link', keys: 'Mod-K', run: panels.openLink, opensPanel: true },
    ],
    [
      {
        label: 'Subheading',
        keys: 'Mod-Alt-1',
        run: toggleHeading(2),
        active: (s) => blockActive(s, nodes.heading, { level: 2 }),
      },
      {
        label: 'Minor subheading',
        keys: 'Mod-Alt-2',
        run: toggleHeading(3),
        active: (s) => blockActive(s, nodes.heading, { level: 3 }),
      },
      {
        label: 'Bulleted list',
        keys: 'Mod-Shift-8',
        run: toggleList(nodes.bullet_list),
        active: (s) => blockActive(s, nodes.bullet_list),
      },
      {
        label: 'Numbered list',
        keys: 'Mod-Shift-7',
        run: toggleList(nodes.ordered_list),
        active: (s) => blockActive(s, nodes.ordered_list),
      },
      {
        label: 'Quote',
        keys: 'Mod-Shift-9',
        run: toggleWrap(nodes.blockquote),
        active: (s) => blockActive(s, nodes.blockquote),
      },
      {
        label: 'Pull quote',
        keys: 'Mod-Alt-P',
        run: toggleWrap(nodes.pull_quote),
        active: (s) => blockActive(s, nodes.pull_quote),
      },
    ],
    [
      { label: 'Rule', keys: 'Mod-Alt-R', run: insertRule },
      { label: 'Picture', run: panels.openPicture, opensPanel: true },
    ],
    [
      { label: 'Undo', keys: 'Mod-Z', run: whenPossible(undoDepth, undo) },
      { label: 'Redo', keys: 'Mod-Shift-Z', run: whenPossible(redoDepth, redo) },
    ],
  ]
}
