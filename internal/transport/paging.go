package transport

import (
	"context"
	"fmt"
	"iter"
)

// FetchPage fetches the page at token ("" for the first page) and returns its
// items and the next page's token ("" on the last page).
type FetchPage[T any] func(ctx context.Context, token string) (items []T, next string, err error)

// Paginate turns fetch into an iterator over every item of every page.
//
// The iterator is lazy (nothing is sent before the loop starts), restartable
// (each range starts again at the first page), stops fetching as soon as the
// loop breaks, yields an error once and then stops, stops at an empty next
// token, reports a repeated token instead of looping forever, and checks ctx
// before each page after the first.
func Paginate[T any](ctx context.Context, fetch FetchPage[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		token := ""
		var seen map[string]struct{}
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
			if seen == nil {
				seen = make(map[string]struct{})
			}
			seen[token] = struct{}{}
			if _, dup := seen[next]; dup {
				yield(zero, fmt.Errorf("%w: page %d returned nextPageToken %q, which was already used; stopping instead of looping", ErrMalformedResponse, page+1, next))
				return
			}
			token = next
		}
	}
}
