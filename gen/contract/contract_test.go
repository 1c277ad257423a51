package contract

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fakeT records what a check reports, as the test it would fail.
type fakeT struct {
	errs, logs []string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}
func (f *fakeT) Logf(format string, args ...any) {
	f.logs = append(f.logs, fmt.Sprintf(format, args...))
}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	runtime.Goexit()
}

// run runs check against a fakeT in its own goroutine, as Fatalf needs.
func run(check func(T)) *fakeT {
	f := &fakeT{}
	done := make(chan struct{})
	go func() { defer close(done); check(f) }()
	<-done
	return f
}

func TestEqualJSON(t *testing.T) {
	cases := []struct {
		want string
		got  any
		ok   bool
	}{
		{`{"a": "2016-12-31T23:57:57.2481230-08:00"}`, map[string]any{"a": time.Date(2017, 1, 1, 7, 57, 57, 248123000, time.UTC)}, true},
		{`{"a": "2016-12-31T23:57:57-08:00"}`, map[string]any{"a": "2016-12-31T23:57:58-08:00"}, false},
		{`{"b": "Y29udGVudA=="}`, map[string]any{"b": []byte("content")}, true},
		{`{"b": "Y29udGVudA=="}`, map[string]any{"b": []byte("contenT")}, false},
		{`{"n": 10}`, map[string]any{"n": 10.0}, true},
		{`{"n": 1e1}`, map[string]any{"n": 10}, true},
		{`{"n": 10}`, map[string]any{"n": 11}, false},
		{`{"a": 1}`, map[string]any{"a": 1, "extra": true}, false},
		// Generated pointer fields with omitempty cannot tell null from
		// absent, so neither does the comparison.
		{`{"a": 1, "missing": null}`, map[string]any{"a": 1}, true},
		{`{"a": 1, "missing": 0}`, map[string]any{"a": 1}, false},
		{`[1, 2]`, []int{2, 1}, false},
	}
	for _, c := range cases {
		f := run(func(t T) { EqualJSON(t, c.want, c.got) })
		if (len(f.errs) == 0) != c.ok {
			t.Errorf("EqualJSON(%s, %v): errors %v, want ok=%v", c.want, c.got, f.errs, c.ok)
		}
	}
}

func TestRoundTripRejectsUnknownProperties(t *testing.T) {
	type cert struct {
		Status *string `json:"status,omitempty"`
	}
	f := run(func(t T) { var c cert; RoundTrip(t, `{"status": "provisioned"}`, &c) })
	if len(f.errs) != 0 {
		t.Errorf("round trip of a known property failed: %v", f.errs)
	}
	f = run(func(t T) { var c cert; RoundTrip(t, `{"status": "provisioned", "other": 1}`, &c) })
	if len(f.errs) != 1 || !strings.Contains(f.errs[0], "other") {
		t.Errorf("an unknown property must fail the round trip: %v", f.errs)
	}
}

// TestRunExpectedFailures: an expected failure that fails passes (and logs
// why); one that passes fails, so the list cannot go stale.
func TestRunExpectedFailures(t *testing.T) {
	failing := func(t T) { t.Fatalf("value %q not allowed", "String") }
	passing := func(t T) {}

	f := run(func(t T) { Run(t, "docs give the type name", failing) })
	if len(f.errs) != 0 || len(f.logs) != 1 || !strings.Contains(f.logs[0], "docs give the type name") {
		t.Errorf("expected failure that fails: errs %v logs %v", f.errs, f.logs)
	}
	f = run(func(t T) { Run(t, "docs give the type name", passing) })
	if len(f.errs) != 1 || !strings.Contains(f.errs[0], "remove the entry") {
		t.Errorf("expected failure that passes must fail: %v", f.errs)
	}
	f = run(func(t T) { Run(t, "", failing) })
	if len(f.errs) != 1 {
		t.Errorf("a failure not on the list must fail: %v", f.errs)
	}
}
