package transport

import (
	"context"
	"crypto/sha256"
	"fmt"
	"iter"

	"github.com/knit-sdk/knit-go/apierror"
)

// FetchPage fetches the page at token ("" for the first page) and returns its
// items and the next page's token ("" on the last page).
type FetchPage[T any] func(ctx context.Context, token string) (items []T, next string, err error)

// MaxEmptyPages is how many pages in a row may come back empty (with a next
// page token) before an iterator stops with ErrMalformedResponse: a server
// that keeps answering empty pages with fresh cursors would otherwise be
// paged through forever.
const MaxEmptyPages = 20

// Paginate turns fetch into an iterator over every item of every page,
// starting at the first page; see PaginateFrom.
func Paginate[T any](ctx context.Context, fetch FetchPage[T]) iter.Seq2[T, error] {
	return PaginateFrom(ctx, "", fetch)
}

// PaginateFrom turns fetch into an iterator over every item of every page,
// starting at the page of token start ("" for the first page).
//
// The iterator is lazy (nothing is sent before the loop starts), restartable
// (each range starts again at start), stops fetching as soon as the loop
// breaks, yields an error once and then stops, stops at an empty next
// token, reports a repeated token (start included) instead of looping
// forever or yielding a record twice, stops after MaxEmptyPages empty pages
// in a row, and checks ctx before each page after the first. It remembers
// the tokens it used as fixed-size hashes, not as the (possibly long)
// cursors themselves.
func PaginateFrom[T any](ctx context.Context, start string, fetch FetchPage[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		token := start
		var seen cursorSet
		empty := 0
		for page := 0; ; page++ {
			if page > 0 {
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
			}
			items, next, err := fetch(ctx, token)
			if err != nil {
				yield(zero, err)
				return
			}
			for i := range items {
				if !yield(items[i], nil) {
					return
				}
			}
			if next == "" {
				return
			}
			if len(items) == 0 {
				empty++
				if empty >= MaxEmptyPages {
					yield(zero, fmt.Errorf("%w: %d empty pages in a row, each with a new nextPageToken; stopping instead of paging forever", apierror.ErrMalformedResponse, empty))
					return
				}
			} else {
				empty = 0
			}
			if seen.m == nil {
				seen = newCursorSet()
			}
			seen.add(token)
			if seen.has(next) {
				yield(zero, fmt.Errorf("%w: page %d returned a nextPageToken that was already used; stopping instead of looping", apierror.ErrMalformedResponse, page+1))
				return
			}
			token = next
		}
	}
}

// cursorHashSize is the size of a remembered cursor: a SHA-256 prefix, so
// that long cursors cost no more than short ones, and collisions are
// negligible.
const cursorHashSize = 16

type cursorSet struct {
	m map[[cursorHashSize]byte]struct{}
}

func newCursorSet() cursorSet { return cursorSet{m: make(map[[cursorHashSize]byte]struct{})} }

func cursorHash(token string) [cursorHashSize]byte {
	sum := sha256.Sum256([]byte(token))
	return [cursorHashSize]byte(sum[:cursorHashSize])
}

func (s cursorSet) add(token string)      { s.m[cursorHash(token)] = struct{}{} }
func (s cursorSet) has(token string) bool { _, ok := s.m[cursorHash(token)]; return ok }
