// The baseline: Node's own HTTP server sending a gzipped page's bytes from memory, with
// the headers a browser needs. What a static file costs on this machine, measured in the
// same run as Dateline.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'

const [port, file] = process.argv.slice(2)
const body = readFileSync(file)
const headers = {
  'content-type': 'text/html; charset=utf-8',
  'content-length': String(body.length),
}
createServer((request, response) => {
  response.writeHead(200, headers)
  response.end(body)
}).listen(Number(port), '127.0.0.1', () => console.log('ready'))
