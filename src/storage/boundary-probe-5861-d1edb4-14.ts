import 'preact'
