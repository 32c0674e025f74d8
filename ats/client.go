package ats

import "github.com/knit-sdk/knit-go/internal/transport"

// Client reaches the ATS operations of one integrated account. Get one from
// knit.Client.Integration(id).ATS; it is safe for concurrent use.
type Client struct {
	s transport.Scope
}

// NewClient is used by package knit; get a Client from
// knit.Client.Integration(id).ATS instead.
func NewClient(s transport.Scope) *Client { return &Client{s: s} }
