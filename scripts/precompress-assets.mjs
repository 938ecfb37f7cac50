// Writes the gzip and brotli forms of each stylesheet and script beside it in assets/ (`npm run build`),
// from the built server's own code: a server then starts without compressing them.
import { fileURLToPath } from 'node:url'
import { ASSETS_DIR, precompressAssets } from '../dist/web/assets.js'

precompressAssets(fileURLToPath(ASSETS_DIR))
