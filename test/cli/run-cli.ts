// Runs the `dateline` command from source, as bin/dateline.js runs the compiled one.
import { runCli } from '../../src/cli/main.js'

await runCli(process.argv.slice(2))
