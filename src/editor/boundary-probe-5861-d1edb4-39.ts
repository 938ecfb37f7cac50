import '../text/slug.js'
