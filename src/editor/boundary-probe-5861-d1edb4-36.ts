import '../domain/errors.js'
