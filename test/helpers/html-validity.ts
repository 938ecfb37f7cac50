import assert from 'node:assert/strict'
import {
  HtmlValidate,
  StaticConfigLoader,
  type ConfigData,
  type ResolvedConfig,
} from 'html-validate'

/**
 * The static loader resolves its configuration again for every page, which
 * costs more than validating a small one; this one resolves it once, as
 * html-validate's own file-system loader caches a file's configuration.
 */
class ResolvedOnceConfigLoader extends StaticConfigLoader {
  private resolved: ResolvedConfig | Promise<ResolvedConfig> | undefined

  override getConfigFor(
    handle: string,
    configOverride?: ConfigData,
  ): ResolvedConfig | Promise<ResolvedConfig> {
    if (configOverride) return super.getConfigFor(handle, configOverride)
    this.resolved ??= super.getConfigFor(handle)
    return this.resolved
  }
}

const validator = new HtmlValidate(
  new ResolvedOnceConfigLoader({
    extends: ['html-validate:recommended'],
    rules: {
      // preact-render-to-string's output style: a lower-case doctype and self-closed void
      // elements (<meta/>). Both are valid HTML; hold the pages to that one style.
      'doctype-style': ['error', { style: 'lowercase' }],
      'void-style': ['error', { style: 'selfclose' }],
      // A story's <title> is its headline and the site name; headlines are the newsroom's
      // to write (up to 250 characters), not a 70-character search-engine guideline.
      'long-title': 'off',
    },
  }),
)

/** Asserts that a page is valid HTML under the site's rules; `label` names it in the failure. */
export async function assertValidHtml(html: string, label: string): Promise<void> {
  const report = await validator.validateString(html)
  const problems = report.results.flatMap((result) =>
    result.messages.map(
      (m) => `${m.ruleId}: ${m.message} (${m.selector ?? `${m.line}:${m.column}`})`,
    ),
  )
  assert.deepEqual(problems, [], label)
}
