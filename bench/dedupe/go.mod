module github.com/knit-sdk/knit-go/bench/dedupe

go 1.26

replace (
	github.com/knit-sdk/knit-go => ../..
	github.com/knit-sdk/knit-go/postgres => ../../postgres
	github.com/knit-sdk/knit-go/redis => ../../redis
)

require (
	github.com/jackc/pgx/v5 v5.12.0
	github.com/knit-sdk/knit-go v0.1.0
	github.com/knit-sdk/knit-go/postgres v0.1.0
	github.com/knit-sdk/knit-go/redis v0.1.0
	github.com/redis/go-redis/v9 v9.22.0
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/go-json-experiment/json v1.27.2 // indirect
	github.com/google/go-querystring v1.2.0 // indirect
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/jackc/puddle/v2 v2.2.3 // indirect
	go.uber.org/atomic v1.11.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.30.0 // indirect
	golang.org/x/text v0.41.0 // indirect
)
