import type { ComponentChildren } from 'preact'

interface Parameter {
  name: string
  in: string
  required: boolean
  description?: string
}

interface Operation {
  summary: string
  parameters: Parameter[]
}

/** The Content API's reference for people, read from the same OpenAPI document programs get. */
export function ApiReferencePage({
  document,
  siteUrl,
}: {
  document: { paths: Record<string, { get: Operation }> }
  siteUrl: string
}): ComponentChildren {
  return (
    <main id="main" class="page">
      <h1>Content API</h1>
      <p>
        Published content as JSON, for anyone, read-only. The machine-readable contract is{' '}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Answers carry an ETag
        (send it back in If-None-Match for a 304), may be fetched from any origin, and lists are
        paged by cursor: pass <code>next</code> as <code>cursor</code>. A parameter not listed here
        is refused with 400. Errors are always{' '}
        <code>{'{"error": {"code", "message", "field"?}}'}</code>.
      </p>
      {Object.entries(document.paths).map(([path, { get }]) => (
        <section key={path}>
          <h2>
            <code>GET /api/v1{path}</code>
          </h2>
          <p>{get.summary}</p>
          {get.parameters.length > 0 && (
            <dl>
              {get.parameters.map((parameter) => (
                <>
                  <dt key={`${parameter.name}-name`}>
                    <code>{parameter.name}</code> ({parameter.in}
                    {parameter.required ? ', required' : ''})
                  </dt>
                  <dd key={`${parameter.name}-text`}>{parameter.description ?? ''}</dd>
                </>
              ))}
            </dl>
          )}
        </section>
      ))}
      <h2>Example</h2>
      <pre>
        <code>curl -s '{siteUrl}/api/v1/articles?section=news&amp;limit=5'</code>
      </pre>
    </main>
  )
}
