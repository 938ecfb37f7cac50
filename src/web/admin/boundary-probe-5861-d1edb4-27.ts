import '../public/deps.js'
