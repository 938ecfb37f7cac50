import './plugins/problems.js'
