import '../plugins/request-parsing.js'
