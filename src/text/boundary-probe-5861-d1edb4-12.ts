import './slug.js'
