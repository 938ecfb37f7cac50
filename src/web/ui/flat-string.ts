/**
 * The same text, stored flat. A string built by concatenation (a template,
 * JSX rendered to a string, markdown-it's output) is a rope in V8: a tree of
 * every piece joined, often several times the size of the text itself.
 * What is kept for long (rendered bodies, fragments, comment threads) is
 * flattened once when it is kept; reading a character makes V8 flatten a
 * rope in place.
 */
export function flat(text: string): string {
  text.charCodeAt(0)
  return text
}
