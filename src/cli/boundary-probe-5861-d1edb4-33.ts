import '../storage/comment-store.js'
