import '../../storage/dialect.js'
