package hris

import "github.com/knit-sdk/knit-go/internal/transport"

// Client reaches the HRIS operations of one integrated account. Get one from
// knit.Client.Integration(id).HRIS; it is safe for concurrent use.
type Client struct {
	s transport.Scope
}

// NewClient is used by package knit; get a Client from
// knit.Client.Integration(id).HRIS instead.
func NewClient(s transport.Scope) *Client { return &Client{s: s} }
