package knit

// Version is the SDK version, sent in the User-Agent header as
// "knit-go/<Version> go/<Go version>".
const Version = "0.1.0"
