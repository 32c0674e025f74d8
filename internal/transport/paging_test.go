package transport

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/apierror"
)

// pager serves pages of 3 items; it counts fetches.
type pager struct {
	pages int
	calls int
	next  func(page int) string
}

func (p *pager) fetch(_ context.Context, token string) ([]int, string, error) {
	p.calls++
	page := 0
	if token != "" {
		page, _ = strconv.Atoi(token)
	}
	items := []int{page * 3, page*3 + 1, page*3 + 2}
	if p.next != nil {
		return items, p.next(page), nil
	}
	if page+1 >= p.pages {
		return items, "", nil
	}
	return items, strconv.Itoa(page + 1), nil
}

func TestPaginate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("lazy, complete and restartable", func(t *testing.T) {
		t.Parallel()
		p := &pager{pages: 4}
		seq := Paginate(ctx, p.fetch)
		assert.Zero(t, p.calls, "no request before the loop starts")
		for range 2 {
			var got []int
			for v, err := range seq {
				require.NoError(t, err)
				got = append(got, v)
			}
			assert.Len(t, got, 12)
			assert.Equal(t, 11, got[11])
		}
		assert.Equal(t, 8, p.calls, "each range starts again at page 1")
	})

	t.Run("break stops fetching", func(t *testing.T) {
		t.Parallel()
		p := &pager{pages: 100}
		n := 0
		for _, err := range Paginate(ctx, p.fetch) {
			require.NoError(t, err)
			n++
			if n == 4 {
				break
			}
		}
		assert.Equal(t, 2, p.calls)
	})

	t.Run("error yielded once", func(t *testing.T) {
		t.Parallel()
		boom := errors.New("boom")
		calls := 0
		var errs []error
		for _, err := range Paginate(ctx, func(context.Context, string) ([]int, string, error) {
			calls++
			if calls == 2 {
				return nil, "", boom
			}
			return []int{1}, fmt.Sprint(calls), nil
		}) {
			if err != nil {
				errs = append(errs, err)
			}
		}
		require.Len(t, errs, 1)
		require.ErrorIs(t, errs[0], boom)
		assert.Equal(t, 2, calls)
	})

	t.Run("repeated cursor is an error, not a loop", func(t *testing.T) {
		t.Parallel()
		p := &pager{next: func(page int) string { return strconv.Itoa((page + 1) % 2) }}
		var last error
		n := 0
		for _, err := range Paginate(ctx, p.fetch) {
			n++
			last = err
		}
		require.Error(t, last)
		require.ErrorIs(t, last, apierror.ErrMalformedResponse)
		// "" → "1" → "0" → "1": the third page names a token already used.
		assert.Equal(t, 3, p.calls)
		assert.Contains(t, last.Error(), "page 3 returned a nextPageToken that was already used")
		assert.Equal(t, 10, n, "9 items, then the error")
	})

	t.Run("ctx checked between pages", func(t *testing.T) {
		t.Parallel()
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		p := &pager{pages: 10}
		var last error
		for _, err := range Paginate(cctx, p.fetch) {
			cancel()
			if err != nil {
				last = err
			}
		}
		require.ErrorIs(t, last, context.Canceled)
		assert.Equal(t, 1, p.calls)
	})
}
