package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"

	"github.com/knit-sdk/knit-go/webhook/webhooktest"
)

// EnvScenarios turns the scenarios on; .ci/replicas sets it. They start
// their own servers (redis-server, redis-sentinel's Sentinel mode,
// PostgreSQL), so the workspace-wide go test does not run them.
const EnvScenarios = "KNIT_REPLICA_SCENARIOS"

const (
	testKey   = "replica-scenario-key"
	testLease = 6 * time.Second
	// parallel is how many events the driver has in flight; a replica
	// killed between its effect and Finish can have at most this many.
	parallel = 32
)

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q is not a positive number", name, v)
	}
	return n
}

// replica is one receiver process, restartable on the same address.
type replica struct {
	proc
	url string
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startReceiver starts the receiver and waits for its "listening on"
// line; it may run on a fault's goroutine, so it returns its error.
func (r *replica) startReceiver() error {
	out, err := os.OpenFile(filepath.Join(r.dir, r.name+".log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	r.cmd = exec.Command(r.args[0], r.args[1:]...)
	r.cmd.Dir, r.cmd.Stderr = r.dir, out
	r.cmd.Env = append(os.Environ(), "KNIT_API_KEY="+testKey)
	stdout, err := r.cmd.StdoutPipe()
	if err == nil {
		err = r.cmd.Start()
	}
	if err != nil {
		_ = out.Close()
		return err
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = r.cmd.Process.Kill()
		_ = r.cmd.Wait()
		_ = out.Close()
		logs, _ := os.ReadFile(out.Name())
		return fmt.Errorf("%s did not start: %w\n%s", r.name, err, logs)
	}
	r.url = strings.TrimSpace(strings.TrimPrefix(line, "listening on "))
	go func() { _, _ = io.Copy(io.Discard, stdout); _ = r.cmd.Wait(); _ = out.Close() }()
	return nil
}

// scenario is one run: a store, three replicas, a fault 40% in.
type scenario struct {
	name  string
	flags []string
	// setup returns the receivers' flags for the store, starting it the
	// first time.
	setup func(t *testing.T) []string
	// fault runs 40% into the delivery, on its own goroutine.
	fault func(ctx context.Context, replicas []*replica) error
	// atLeastOnce: a replica dies between its effects and Finish, so
	// events it had in flight may run twice (a Deduper's at-least-once).
	atLeastOnce bool
	// forgets: the store is known to forget processed events (a
	// demonstration of what New refuses); effects must run twice.
	forgets bool
}

type result struct {
	name                                       string
	events, lost, twice, server, refused       int
	finishRetried, finishLost, late, lateTwice int
	deliveries                                 int64
	elapsed                                    time.Duration
}

// TestReplicaScenarios runs three receiver processes (this directory's
// program) per scenario and delivers every event three times at once to
// different replicas, redelivering each copy with backoff until it gets
// 200 (as Knit does with anything but 200), while a fault hits 40% in;
// then it delivers every event once more, as Knit's late redeliveries of
// an event it already sent would arrive. It prints per scenario the
// events, the events lost (no effect, or a copy never answered 200), the
// events whose effect ran twice, the 5xx answers and the deliveries whose
// Finish the handler retried. No event may be lost; no effect may run
// twice except where a replica is killed between its effect and Finish
// with a Deduper (at most the events it had in flight).
func TestReplicaScenarios(t *testing.T) {
	if os.Getenv(EnvScenarios) == "" {
		t.Skipf("set %s=1 to run the multi-process scenarios (they start their own servers; see .ci/replicas)", EnvScenarios)
	}
	events := envInt(t, "KNIT_REPLICAS_EVENTS", 1200)
	rport := envInt(t, "KNIT_REPLICAS_REDIS_PORT", 6400) // and the next 8
	pport := envInt(t, "KNIT_REPLICAS_POSTGRES_PORT", 5450)

	bin := filepath.Join(t.TempDir(), "receiver")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// The servers start once, on the parent test, and serve every
	// scenario that uses them; each scenario has its own event IDs.
	var single, volatile, clusterNode *proc
	var pg *postgres
	var clusterFlags, sentinelFlags []string
	redisFlags := func(*testing.T) []string {
		if single == nil {
			single = redisNode(t, rport)
		}
		return []string{"-store", "redis", "-redis", addr(rport)}
	}
	pgFlags := func(store string) func(*testing.T) []string {
		return func(*testing.T) []string {
			if pg == nil {
				pg = startPostgres(t, pport)
			}
			return []string{"-store", store, "-postgres", pg.url()}
		}
	}
	killReplica := func(_ context.Context, rs []*replica) error {
		rs[1].kill9()
		time.Sleep(500 * time.Millisecond)
		return rs[1].startReceiver()
	}
	restart := func(p **proc) func(context.Context, []*replica) error {
		return func(context.Context, []*replica) error {
			(*p).kill9()
			time.Sleep(time.Second)
			return (*p).start()
		}
	}
	pgRestart := func(context.Context, []*replica) error { return pg.restartImmediate() }
	scenarios := []scenario{
		{name: "Redis: replica kill -9", setup: redisFlags, fault: killReplica, atLeastOnce: true},
		{name: "Redis: restart (AOF everysec, kill -9, down 1 s)", setup: redisFlags, fault: restart(&single)},
		{name: "Redis: slow callbacks (1.5 leases)", setup: redisFlags, flags: []string{"-slow-every", "50", "-slow", (testLease * 3 / 2).String()}},
		{name: "Redis Cluster (3 masters): master kill -9, back 1 s later",
			setup: func(*testing.T) []string {
				if clusterFlags == nil {
					nodes := redisCluster(t, []int{rport + 1, rport + 2, rport + 3})
					clusterNode = nodes[1]
					clusterFlags = []string{"-store", "cluster", "-redis", addr(rport+1) + "," + addr(rport+2) + "," + addr(rport+3)}
				}
				return clusterFlags
			},
			fault: restart(&clusterNode)},
		{name: "Redis Sentinel: failover, WaitReplicas 1",
			setup: func(*testing.T) []string {
				if sentinelFlags == nil {
					redisSentinel(t, rport+4, rport+5, rport+6)
					sentinelFlags = []string{"-store", "sentinel", "-redis", addr(rport + 6), "-wait-replicas", "1"}
				}
				return sentinelFlags
			},
			fault: func(ctx context.Context, _ []*replica) error { return failover(ctx, rport+6) }},
		{name: "Postgres Deduper: immediate restart", setup: pgFlags("postgres"), fault: pgRestart},
		{name: "Postgres inbox: immediate restart", setup: pgFlags("inbox"), fault: pgRestart},
		{name: "Postgres inbox: replica kill -9", setup: pgFlags("inbox"), fault: killReplica},
		{name: "Redis without persistence, restart (refused; forced for the demonstration)",
			setup: func(t *testing.T) []string {
				if volatile == nil {
					volatile = redisNode(t, rport+7, "--appendonly", "no")
				}
				flags := []string{"-store", "redis", "-redis", addr(rport + 7)}
				refused(t, bin, flags, "appendonly no")
				return append(flags, "-allow-volatile-store-for-development")
			},
			fault: restart(&volatile), forgets: true},
	}
	var results []result
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			res := runScenario(t, bin, sc, events, func() *postgres { return pg })
			results = append(results, res)
			fmt.Printf("scenario %-58s events %5d  lost %d  twice %4d  5xx %4d  refused %4d  Finish retried %3d (lost %d)  late copies %d (ran %d)  %d deliveries in %v\n",
				res.name, res.events, res.lost, res.twice, res.server, res.refused, res.finishRetried, res.finishLost,
				res.late, res.lateTwice, res.deliveries, res.elapsed.Round(100*time.Millisecond))
		})
	}
	t.Run("refused at construction", func(t *testing.T) {
		// Every Cluster master is checked: one evicting master is enough.
		if clusterFlags == nil {
			t.Skip("the Cluster scenario did not run")
		}
		c := redis.NewClient(&redis.Options{Addr: addr(rport + 3)})
		defer c.Close()
		ctx := context.Background()
		if err := c.ConfigSet(ctx, "maxmemory-policy", "volatile-lru").Err(); err != nil {
			t.Fatal(err)
		}
		refused(t, bin, clusterFlags, `maxmemory-policy may evict dedupe keys; set it to noeviction (it is "volatile-lru" at `+addr(rport+3))
		if err := c.ConfigSet(ctx, "maxmemory-policy", "noeviction").Err(); err != nil {
			t.Fatal(err)
		}
		// CONFIG refused, as managed services do: INFO memory still tells.
		redisNode(t, rport+8, "--maxmemory-policy", "allkeys-lru", "--rename-command", "CONFIG", "")
		refused(t, bin, []string{"-store", "redis", "-redis", addr(rport + 8)}, `(it is "allkeys-lru"`)

		// A standby (a reader endpoint): every write would fail.
		if pg == nil {
			t.Skip("the Postgres scenarios did not run")
		}
		sb := pg.startStandby(t, pport+1)
		for _, store := range []string{"inbox", "postgres"} {
			refused(t, bin, []string{"-store", store, "-postgres", sb.url()}, "pg_is_in_recovery() is true")
		}
	})
	fmt.Println("\n| scenario | events | lost | effects run twice | 5xx | Finish retried |\n| --- | --- | --- | --- | --- | --- |")
	for _, r := range results {
		fmt.Printf("| %s | %d | %d | %d | %d | %d |\n", r.name, r.events, r.lost, r.twice, r.server, r.finishRetried)
	}
}

// refused checks that a receiver on the store refuses to start, naming why.
func refused(t *testing.T, bin string, flags []string, reason string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, flags...)...)
	cmd.Env = append(os.Environ(), "KNIT_API_KEY="+testKey)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), reason) {
		t.Fatalf("the receiver started on a store New must refuse (%v):\n%s", err, out)
	}
}

// failover asks the Sentinel to fail the master over and waits until it
// names another one.
func failover(ctx context.Context, sentinel int) error {
	sc := redis.NewSentinelClient(&redis.Options{Addr: addr(sentinel)})
	defer sc.Close()
	before, err := sentinelMaster(ctx, sentinel)
	if err != nil {
		return err
	}
	if err := sc.Failover(ctx, "mymaster").Err(); err != nil {
		return fmt.Errorf("SENTINEL FAILOVER: %w", err)
	}
	for range 400 {
		if now, err := sentinelMaster(ctx, sentinel); err == nil && now != before {
			return nil
		}
		time.Sleep(25 * time.Millisecond)
	}
	return fmt.Errorf("the master is still %s", before)
}

func runScenario(t *testing.T, bin string, sc scenario, events int, pg func() *postgres) result {
	storeFlags := sc.setup(t)
	dir := t.TempDir()
	replicas := make([]*replica, 3)
	urls := make([]string, 3)
	for i := range replicas {
		args := append([]string{bin, "-addr", addr(freePort(t)), "-lease", testLease.String(),
			"-effects", filepath.Join(dir, fmt.Sprintf("effects-%d.log", i))}, storeFlags...)
		r := &replica{proc: proc{name: fmt.Sprintf("replica-%d", i), dir: dir, args: append(args, sc.flags...)}}
		if err := r.startReceiver(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(r.kill9)
		replicas[i], urls[i] = r, r.url
	}
	prefix := webhooktest.ID("ev") + "-"
	payloads := make([][]byte, events)
	for i := range payloads {
		payloads[i] = webhooktest.Event(prefix + strconv.Itoa(i))
	}
	var faultErr error
	fleet := webhooktest.Fleet{URLs: urls, Key: testKey, Copies: 3, Parallel: parallel,
		RetryDelay: 20 * time.Millisecond, MaxRetryDelay: time.Second, MaxAttempts: 400}
	if sc.fault != nil {
		fleet.Fault = func(ctx context.Context) { faultErr = sc.fault(ctx, replicas) }
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	fs, err := fleet.Deliver(ctx, payloads)
	if err != nil {
		t.Fatalf("delivering: %v", err)
	}
	if faultErr != nil {
		t.Fatalf("fault: %v", faultErr)
	}
	before := countEffects(ctx, t, dir, storeFlags, pg, prefix)
	// Knit may deliver an event again later: one more copy of each.
	late, err := webhooktest.Fleet{URLs: urls, Key: testKey, Copies: 1, Parallel: parallel,
		RetryDelay: 20 * time.Millisecond, MaxRetryDelay: time.Second, MaxAttempts: 400}.Deliver(ctx, payloads)
	if err != nil {
		t.Fatalf("late copies: %v", err)
	}
	counts := countEffects(ctx, t, dir, storeFlags, pg, prefix)

	res := result{name: sc.name, events: events, deliveries: fs.Deliveries + late.Deliveries, elapsed: fs.Elapsed,
		refused: fs.Status[0], late: events}
	for code, n := range fs.Status {
		if code >= 500 {
			res.server += n
		}
	}
	for i := range events {
		id := prefix + strconv.Itoa(i)
		switch n := counts[id]; {
		case n == 0:
			res.lost++
		case n > 1:
			res.twice++
		}
		if counts[id] > before[id] {
			res.lateTwice++
		}
	}
	res.lost = max(res.lost, fs.Lost+late.Lost)
	for _, r := range replicas {
		logs, _ := os.ReadFile(filepath.Join(r.dir, r.name+".log"))
		res.finishRetried += strings.Count(string(logs), "failed to record the outcome; retrying")
		res.finishLost += strings.Count(string(logs), "failed to record the outcome; giving up")
	}
	if res.lost != 0 {
		t.Errorf("%d events lost (%d copies never answered 200)", res.lost, fs.Lost+late.Lost)
	}
	switch {
	case sc.forgets && res.twice == 0:
		t.Errorf("no effect ran twice, though the store forgot what it had processed")
	case sc.forgets:
	case sc.atLeastOnce && res.twice > parallel:
		t.Errorf("%d effects ran twice; a killed replica had at most %d events in flight", res.twice, parallel)
	case !sc.atLeastOnce && res.twice != 0:
		t.Errorf("%d effects ran twice", res.twice)
	}
	if t.Failed() {
		for _, r := range replicas {
			logs, _ := os.ReadFile(filepath.Join(r.dir, r.name+".log"))
			t.Logf("%s log (tail):\n%s", r.name, tail(string(logs), 3000))
		}
	}
	return res
}

// countEffects counts the effects of the events with prefix: lines of the
// effects files, or rows of knit_replica_effects for the inbox.
func countEffects(ctx context.Context, t *testing.T, dir string, storeFlags []string, pg func() *postgres, prefix string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	if !slices.Contains(storeFlags, "inbox") {
		files, _ := filepath.Glob(filepath.Join(dir, "effects-*.log"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range strings.Fields(string(b)) {
				counts[id]++
			}
		}
		return counts
	}
	conn, err := pgx.Connect(ctx, pg().url())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT event_id, count(*) FROM knit_replica_effects WHERE starts_with(event_id, $1) GROUP BY event_id`, prefix)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		counts[id] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return counts
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
