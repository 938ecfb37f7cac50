import '../storage/dialect.js'
