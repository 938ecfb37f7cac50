// Newsroom enhancements: see below.
