// Loaded with `node --import` into a benchmark's child process: on exit it writes the
// process's own CPU time (user + system) and peak RSS to standard error as one JSON line,
// so a bench on a shared machine can report CPU time beside wall time.
process.on('exit', () => {
  const usage = process.resourceUsage()
  process.stderr.write(
    `\n${JSON.stringify({ usage: { userS: usage.userCPUTime / 1e6, systemS: usage.systemCPUTime / 1e6, maxRssMb: usage.maxRSS / 1024 } })}\n`,
  )
})
