import '../ui/urls.js'
