//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteKeepsLinksAndDevices: -o through a symbolic link updates its
// target and keeps the link; -o to something that is not a regular file (a
// pipe here, /dev/null in real use) is written to, never renamed over.
func TestWriteKeepsLinksAndDevices(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.yaml")
	link := filepath.Join(dir, "link.yaml")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := writeFileAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target holds %q, want new", got)
	}

	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan []byte)
	go func() {
		data, _ := os.ReadFile(fifo)
		got <- data
	}()
	if err := writeFileAtomic(fifo, []byte("spec")); err != nil {
		t.Fatal(err)
	}
	if data := <-got; string(data) != "spec" {
		t.Errorf("the pipe's reader got %q", data)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced by a file: %v %v", fi.Mode(), err)
	}
}

// TestWriteKeepsModeAndNamesTheFile: a generated file keeps its mode
// across a rewrite, and a read-only one is refused under its own name.
func TestWriteKeepsModeAndNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "graph.gen.go")
	if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, 0o640) // whatever the umask
	if err := writeFileAtomic(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after a rewrite: %v, want 0640", fi.Mode().Perm())
	}
	os.Chmod(p, 0o444)
	err := writeFileAtomic(p, []byte("newer"))
	if err == nil || !strings.Contains(err.Error(), p) || strings.Contains(err.Error(), ".graph.gen.go.") {
		t.Errorf("a read-only output: %v, want an error naming %s", err, p)
	}
	if got, _ := os.ReadFile(p); string(got) != "new" {
		t.Errorf("the read-only file holds %q", got)
	}
}
