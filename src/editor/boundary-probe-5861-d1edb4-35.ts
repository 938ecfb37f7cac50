import '../web/app.js'
