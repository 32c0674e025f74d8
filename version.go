package knit

import "github.com/knit-sdk/knit-go/internal/transport"

// Version is the SDK version, sent in the User-Agent header as
// "knit-go/<Version> go/<Go version>".
const Version = transport.Version
