#!/usr/bin/env node
// The `dateline` command. Runs the compiled CLI; `npm install` builds it.
import { existsSync } from 'node:fs'

const cli = new URL('../dist/cli/main.js', import.meta.url)
if (!existsSync(cli)) {
  console.error('Dateline is not built yet: run `npm run build` (npm install does this too).')
  process.exit(1)
}
const { runCli } = await import(cli.href)
await runCli(process.argv.slice(2))
