import '../context.js'
