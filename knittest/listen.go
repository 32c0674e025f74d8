package knittest

import (
	"context"
	"fmt"
	"net"
)

// Listen starts a playground server like NewServer, but on addr (host:port,
// e.g. "127.0.0.1:12111", or ":12111" for every interface) instead of a
// random loopback port. It fails when addr cannot be listened on. This is
// what `knit mock` uses; tests want NewServer. Call Close when done.
func Listen(addr string, opts ...Option) (*Server, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(context.Background(), "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("knittest: Listen: %w", err)
	}
	opts = append(opts[:len(opts):len(opts)], func(c *config) { c.listener = ln })
	return NewServer(opts...), nil
}
