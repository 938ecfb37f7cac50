import '../config.js'
