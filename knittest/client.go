package knittest

import (
	"time"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/option"
)

// Client returns a knit.Client pointed at the server with its API key and
// short retry waits (1ms to 50ms), so injected 429s and 5xx are retried
// quickly. opts are applied after those and may override them.
func (s *Server) Client(opts ...option.RequestOption) (*knit.Client, error) {
	base := []option.RequestOption{
		option.WithBaseURL(s.URL()),
		option.WithRetryWait(time.Millisecond, 50*time.Millisecond),
	}
	return knit.NewClient(s.cfg.apiKey, append(base, opts...)...)
}
