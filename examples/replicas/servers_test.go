package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// proc is a server process the test starts, kills and restarts with the
// same arguments (and so the same data directory).
type proc struct {
	name string
	args []string
	dir  string
	cmd  *exec.Cmd
}

// start starts the process; it may run on a fault's goroutine, so it
// returns its error rather than failing the test.
func (p *proc) start() error {
	log, err := os.OpenFile(filepath.Join(p.dir, p.name+".log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	p.cmd = exec.Command(p.args[0], p.args[1:]...)
	p.cmd.Dir, p.cmd.Stdout, p.cmd.Stderr = p.dir, log, log
	if err := p.cmd.Start(); err != nil {
		_ = log.Close()
		return fmt.Errorf("starting %s: %w", p.name, err)
	}
	go func() { _ = p.cmd.Wait(); _ = log.Close() }()
	return nil
}

// kill9 kills the process with SIGKILL, as a crash would.
func (p *proc) kill9() {
	if p.cmd != nil && p.cmd.Process != nil {
		_ = p.cmd.Process.Kill()
		for p.cmd.ProcessState == nil {
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// redisNode is a redis-server with an append-only file (everysec) and
// noeviction, as knitredis requires.
func redisNode(t *testing.T, port int, extra ...string) *proc {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "redis-"+strconv.Itoa(port))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := &proc{name: "redis", dir: dir, args: append([]string{"redis-server", "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--dir", dir, "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory-policy", "noeviction"}, extra...)}
	if err := p.start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.kill9)
	waitRedis(t, port)
	return p
}

func waitRedis(t *testing.T, port int) {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: addr(port), MaxRetries: -1})
	defer c.Close()
	for range 200 {
		if c.Ping(context.Background()).Err() == nil {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("redis on port %d did not answer", port)
}

func addr(port int) string { return "127.0.0.1:" + strconv.Itoa(port) }

// redisCluster starts three masters without replicas and joins them.
func redisCluster(t *testing.T, ports []int) []*proc {
	t.Helper()
	nodes := make([]*proc, len(ports))
	args := []string{"--cluster", "create"}
	for i, port := range ports {
		nodes[i] = redisNode(t, port, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "3000")
		args = append(args, addr(port))
	}
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command("redis-cli", args...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	for _, port := range ports {
		c := redis.NewClient(&redis.Options{Addr: addr(port)})
		ok := false
		for range 200 {
			info, _ := c.ClusterInfo(context.Background()).Result()
			if ok = strings.Contains(info, "cluster_state:ok"); ok {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		_ = c.Close()
		if !ok {
			t.Fatalf("cluster node %d not ok", port)
		}
	}
	return nodes
}

// redisSentinel starts a master, a replica of it and a Sentinel watching
// them (quorum 1), and waits until the Sentinel knows the replica.
func redisSentinel(t *testing.T, master, replica, sentinel int) {
	t.Helper()
	redisNode(t, master)
	redisNode(t, replica, "--replicaof", "127.0.0.1", strconv.Itoa(master))
	dir := t.TempDir()
	conf := filepath.Join(dir, "sentinel.conf")
	text := fmt.Sprintf("port %d\nbind 127.0.0.1\nsentinel monitor mymaster 127.0.0.1 %d 1\n"+
		"sentinel down-after-milliseconds mymaster 2000\nsentinel failover-timeout mymaster 10000\n", sentinel, master)
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &proc{name: "sentinel", dir: dir, args: []string{"redis-server", conf, "--sentinel"}}
	if err := p.start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.kill9)
	waitRedis(t, sentinel)
	sc := redis.NewSentinelClient(&redis.Options{Addr: addr(sentinel)})
	defer sc.Close()
	for range 300 {
		reps, err := sc.Replicas(context.Background(), "mymaster").Result()
		if err == nil && len(reps) == 1 && reps[0]["flags"] == "slave" && reps[0]["master-link-status"] == "ok" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the Sentinel does not see the replica")
}

// sentinelMaster returns the port of the master the Sentinel names.
func sentinelMaster(ctx context.Context, sentinel int) (string, error) {
	sc := redis.NewSentinelClient(&redis.Options{Addr: addr(sentinel)})
	defer sc.Close()
	a, err := sc.GetMasterAddrByName(ctx, "mymaster").Result()
	if err != nil {
		return "", err
	}
	return strings.Join(a, ":"), nil
}

// postgres is a PostgreSQL cluster in a temporary directory, run as the
// postgres user when the test runs as root (initdb refuses root).
type postgres struct {
	bin, dir, sock string
	port           int
	asUser         []string
}

func startPostgres(t *testing.T, port int) *postgres {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		t.Fatal("PostgreSQL not installed (apt-get install postgresql)")
	}
	pg := &postgres{bin: filepath.Dir(bins[len(bins)-1]), port: port}
	if u, err := user.Current(); err == nil && u.Uid == "0" {
		pg.asUser = []string{"runuser", "-u", "postgres", "--"}
	}
	pg.dir, pg.sock = pg.dirs(t)
	pg.run(t, "initdb", "-D", pg.dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions")
	pg.start(t)
	return pg
}

// startStandby starts a streaming standby of pg (pg_basebackup -R): a
// server in recovery, as a read replica or a reader endpoint is.
func (pg *postgres) startStandby(t *testing.T, port int) *postgres {
	t.Helper()
	sb := &postgres{bin: pg.bin, port: port, asUser: pg.asUser}
	sb.dir, sb.sock = sb.dirs(t)
	pg.run(t, "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(pg.port), "-U", "postgres", "-D", sb.dir, "-R", "-X", "stream")
	sb.start(t)
	return sb
}

func (pg *postgres) start(t *testing.T) {
	t.Helper()
	pg.run(t, "pg_ctl", "-D", pg.dir, "-l", filepath.Join(pg.dir, "pg.log"), "-w", "-t", "60", "-o", pg.opts(), "start")
	t.Cleanup(func() { _ = pg.cmd("pg_ctl", "-D", pg.dir, "-m", "immediate", "-w", "stop").Run() })
}

// dirs makes the data and socket directories, owned by the postgres user
// when the test runs as root.
func (pg *postgres) dirs(t *testing.T) (data, sock string) {
	t.Helper()
	base, err := os.MkdirTemp("", "knit-replicas-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(base) })
	data, sock = filepath.Join(base, "data"), filepath.Join(base, "sock")
	if pg.asUser != nil {
		if err := os.Chmod(base, 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("install", "-d", "-m", "700", "-o", "postgres", data, sock).CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
	} else if err := os.MkdirAll(sock, 0o755); err != nil {
		t.Fatal(err)
	}
	return data, sock
}

// opts keeps synchronous_commit on: an immediate restart must not lose a
// commit that was acknowledged. fsync off is safe here, since only the
// server process crashes, never the machine.
func (pg *postgres) opts() string {
	return fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", pg.port, pg.sock)
}

func (pg *postgres) url() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", pg.port)
}

func (pg *postgres) cmd(name string, args ...string) *exec.Cmd {
	full := append(append(append([]string(nil), pg.asUser...), filepath.Join(pg.bin, name)), args...)
	return exec.Command(full[0], full[1:]...)
}

func (pg *postgres) run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := pg.cmd(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

// restartImmediate crashes every server process (pg_ctl -m immediate) and
// starts the server again, which replays its WAL.
func (pg *postgres) restartImmediate() error {
	if out, err := pg.cmd("pg_ctl", "-D", pg.dir, "-l", filepath.Join(pg.dir, "pg.log"), "-m", "immediate", "-w", "-t", "60", "-o", pg.opts(), "restart").CombinedOutput(); err != nil {
		return fmt.Errorf("pg_ctl restart: %w: %s", err, out)
	}
	return nil
}
