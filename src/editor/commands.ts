// What the toolbar, the shortcuts and typed Markdown do to the document:
// ProseMirror commands over the story schema, kept apart from the DOM.
import {
  chainCommands,
  exitCode,
  lift,
  setBlockType,
  toggleMark,
  wrapIn,
} from 'prosemirror-commands'
import { redo, undo } from 'prosemirror-history'
import {
  InputRule,
  inputRules,
  textblockTypeInputRule,
  undoInputRule,
  wrappingInputRule,
} from 'prosemirror-inputrules'
import type { MarkType, NodeType } from 'prosemirror-model'
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list'
import { TextSelection, type Command, type EditorState, type Plugin } from 'prosemirror-state'
import { storySchema as schema } from '../text/rich-text/schema.js'

const { nodes, marks } = schema

export function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection
  if (empty) return Boolean(type.isInSet(state.storedMarks ?? $from.marks()))
  return state.doc.rangeHasMark(from, to, type)
}

/** The innermost ancestor of the selection of this type, if any. */
export function blockActive(state: EditorState, type: NodeType, attrs?: Record<string, unknown>) {
  const { $from } = state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth)
    if (node.type !== type) continue
    return !attrs || Object.entries(attrs).every(([key, value]) => node.attrs[key] === value)
  }
  return false
}

/** A subheading of this level, or back to a paragraph when it already is one. */
export function toggleHeading(level: 2 | 3): Command {
  return (state, dispatch) =>
    blockActive(state, nodes.heading, { level })
      ? setBlockType(nodes.paragraph)(state, dispatch)
      : setBlockType(nodes.heading, { level })(state, dispatch)
}

/** Into a list of this kind, or out of it. */
export function toggleList(type: NodeType): Command {
  return (state, dispatch) =>
    blockActive(state, type)
      ? liftListItem(nodes.list_item)(state, dispatch)
      : wrapInList(type)(state, dispatch)
}

/** Into a quotation (or a pull quote), or out of it. */
export function toggleWrap(type: NodeType): Command {
  return (state, dispatch) =>
    blockActive(state, type) ? lift(state, dispatch) : wrapIn(type)(state, dispatch)
}

/** A rule between blocks, and the caret in a paragraph after it. */
export const insertRule: Command = (state, dispatch) => {
  if (dispatch) {
    const tr = state.tr.replaceSelectionWith(nodes.horizontal_rule.create())
    const after = tr.selection.from
    if (!tr.doc.resolve(after).parent.isTextblock) tr.insert(after, nodes.paragraph.create())
    tr.setSelection(TextSelection.near(tr.doc.resolve(after)))
    dispatch(tr.scrollIntoView())
  }
  return true
}

export const toggleBold = toggleMark(marks.strong)
export const toggleItalic = toggleMark(marks.em)

/** Shortcuts as in a word processor (Google Docs and Word agree on most of them). */
export function storyKeys(openLink: Command, focusToolbar: Command): Record<string, Command> {
  return {
    'Mod-z': undo,
    'Mod-Shift-z': redo,
    'Mod-y': redo,
    Backspace: undoInputRule,
    'Mod-b': toggleBold,
    'Mod-i': toggleItalic,
    'Mod-k': openLink,
    'Mod-Alt-0': setBlockType(nodes.paragraph),
    'Mod-Alt-1': toggleHeading(2),
    'Mod-Alt-2': toggleHeading(3),
    'Mod-Shift-7': toggleList(nodes.ordered_list),
    'Mod-Shift-8': toggleList(nodes.bullet_list),
    'Mod-Shift-9': toggleWrap(nodes.blockquote),
    'Mod-Alt-p': toggleWrap(nodes.pull_quote),
    'Mod-Alt-r': insertRule,
    'Shift-Enter': chainCommands(exitCode, (state, dispatch) => {
      const tr = state.tr.replaceSelectionWith(nodes.hard_break.create())
      dispatch?.(tr.scrollIntoView())
      return true
    }),
    Enter: splitListItem(nodes.list_item),
    // Tab moves between items of a list; anywhere else it leaves the editor, as it should.
    Tab: sinkListItem(nodes.list_item),
    'Shift-Tab': liftListItem(nodes.list_item),
    'Alt-F10': focusToolbar,
  }
}

/** Markdown typed at the start of a line: ## and ### subheadings, > quotes, - and 1. lists, --- rules. */
export function storyInputRules(): Plugin {
  return inputRules({
    rules: [
      textblockTypeInputRule(/^(#{1,3})\s$/, nodes.heading, (match) => ({
        level: Math.max(2, match[1]?.length ?? 2),
      })),
      wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
      wrappingInputRule(/^\s*([-+*])\s$/, nodes.bullet_list),
      wrappingInputRule(
        /^(\d+)\.\s$/,
        nodes.ordered_list,
        (match) => ({ order: Number(match[1]) }),
        (match, node) => node.childCount + Number(node.attrs.order) === Number(match[1]),
      ),
      new InputRule(/^(?:---|\*\*\*|___)$/, (state, _match, start, end) => {
        const $start = state.doc.resolve(start)
        if ($start.parent.content.size !== end - start) return null
        const tr = state.tr
          .replaceRangeWith($start.before(), $start.after(), nodes.horizontal_rule.create())
          .insert($start.before() + 1, nodes.paragraph.create())
        return tr.setSelection(TextSelection.create(tr.doc, $start.before() + 2))
      }),
    ],
  })
}
