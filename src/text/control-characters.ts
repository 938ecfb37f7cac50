// Control characters, in one place. They carry no text a reader can see, so
// what comes in from people (comments, searches, imported archives) loses them,
// and what goes to a database or back into a page never holds them. Each
// caller wants one of a few exact sets; they are named here, so a rule about
// them is changed once.
/* eslint-disable no-control-regex -- matching control characters is the point of this module */

/** Every C0 and C1 control character, DEL included: U+0000–U+001F, U+007F–U+009F. */
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/g

/** Controls other than tab, line feed and carriage return, which read as white space. */
const CONTROL_BESIDE_SPACES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

/** Controls other than tab and line feed: what typed or imported text keeps is its lines. */
const CONTROL_BESIDE_LINES = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g

/** Zero-width space and the byte-order mark (U+FEFF, read mid-text as a zero-width no-break space). */
const ZERO_WIDTH = /[\u200B\uFEFF]/g

/**
 * Characters that show nothing and can disguise what is shown: zero-width
 * space, joiners and direction marks (U+200B–U+200F), direction embeddings
 * and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and U+FEFF.
 */
const INVISIBLE_FORMATTING = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g

/**
 * The noncharacters U+FFFE and U+FFFF, and UTF-16 halves with no partner:
 * no text, and XML 1.0 cannot carry them.
 */
const NOT_TEXT =
  /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/* eslint-enable no-control-regex */

/** Whether the text holds any control character at all (an address, a key: no place for one). */
export function hasAnyControl(text: string): boolean {
  ANY_CONTROL.lastIndex = 0
  return ANY_CONTROL.test(text)
}

/** Every control character removed: text shown back to a reader as they typed it. */
export function withoutControls(text: string): string {
  return text.replace(ANY_CONTROL, '')
}

/** Every control character as a space: text bound for a database or an index. */
export function controlsAsSpaces(text: string): string {
  return text.replace(ANY_CONTROL, ' ')
}

/** Whether text holds a control character other than tab, line feed or carriage return. */
export function hasControlBesideSpaces(text: string): boolean {
  return CONTROL_BESIDE_SPACES.test(text)
}

/**
 * A line of imported text: controls other than tab removed (lines are split
 * already), and zero-width spaces and stray byte-order marks with them.
 * Direction marks stay: they belong to right-to-left text.
 */
export function withoutLineControls(text: string): string {
  return text.replace(CONTROL_BESIDE_LINES, '').replace(ZERO_WIDTH, '')
}

/**
 * What a reader wrote, with everything invisible removed: controls other than
 * tab and line feed, and every zero-width, direction and byte-order character
 * (a comment has no use for them, and they can make one name look like another).
 */
export function withoutInvisibles(text: string): string {
  return text.replace(CONTROL_BESIDE_LINES, '').replace(INVISIBLE_FORMATTING, '')
}

/**
 * A one-line field a writer typed (a headline, a name, a key point): line
 * breaks and tabs become spaces, every other control and every noncharacter
 * is removed. Direction marks stay: they belong to right-to-left text.
 */
export function asWrittenLine(text: string): string {
  return text
    .replace(/\r\n?|\n|\t/g, ' ')
    .replace(CONTROL_BESIDE_LINES, '')
    .replace(NOT_TEXT, '')
}

/**
 * Text of several lines a writer typed (an article body, a biography): line
 * endings become line feeds and tabs stay; every other control and every
 * noncharacter is removed.
 */
export function asWrittenText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_BESIDE_LINES, '').replace(NOT_TEXT, '')
}
