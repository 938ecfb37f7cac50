import type { ComponentChildren } from 'preact'

interface Parameter {
  name: string
  in: string
  required: boolean
  description?: string
}

interface Operation {
  summary: string
  description?: string
  parameters: Parameter[]
}

function OperationEntry({
  method,
  path,
  operation,
}: {
  method: string
  path: string
  operation: Operation
}): ComponentChildren {
  return (
    <section>
      <h2>
        <code>
          {method.toUpperCase()} /api/v1{path}
        </code>
      </h2>
      <p>
        {operation.summary} {operation.description ?? ''}
      </p>
      {operation.parameters.length > 0 && (
        <dl>
          {operation.parameters.map((parameter) => (
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
  )
}

/** The API's reference for people, read from the same OpenAPI document programs get. */
export function ApiReferencePage({
  document,
  siteUrl,
}: {
  document: { paths: Record<string, Record<string, Operation>> }
  siteUrl: string
}): ComponentChildren {
  const entries = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  )
  const admin = (path: string) => path.startsWith('/admin')
  return (
    <main id="main" class="page">
      <h1>API</h1>
      <p>
        Published content as JSON, for anyone, read-only. The machine-readable contract is{' '}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Answers carry an ETag
        (send it back in If-None-Match for a 304), may be fetched from any origin, and lists are
        paged by cursor: pass <code>next</code> as <code>cursor</code>. A parameter not listed here
        is refused with 400. Errors are always{' '}
        <code>{'{"error": {"code", "message", "field"?}}'}</code>.
      </p>
      {entries
        .filter((entry) => !admin(entry.path))
        .map((entry) => (
          <OperationEntry key={`${entry.method} ${entry.path}`} {...entry} />
        ))}
      <h2>Example</h2>
      <pre>
        <code>curl -s '{siteUrl}/api/v1/articles?section=news&amp;limit=5'</code>
      </pre>
      <h2 id="admin">Admin API</h2>
      <p>
        The newsroom's work, with a token from your account page in the newsroom (or{' '}
        <code>dateline token create</code>) sent as <code>Authorization: Bearer dlt_…</code>. A
        token can do exactly what its user can do in the newsroom. Bodies are JSON (an upload is
        multipart), and a field a route does not take is refused with 400.
      </p>
      {entries
        .filter((entry) => admin(entry.path))
        .map((entry) => (
          <OperationEntry key={`${entry.method} ${entry.path}`} {...entry} />
        ))}
    </main>
  )
}
