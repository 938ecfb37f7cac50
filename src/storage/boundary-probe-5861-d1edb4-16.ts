import '../cli/main.js'
