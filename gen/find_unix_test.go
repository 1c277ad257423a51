//go:build unix

package gen_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docs2openapi/docs2openapi/gen"
)

// TestFindRefuses: what cannot be read is refused with a message, never
// an empty spec or a hang: a folder without pages, a FIFO; a folder given
// as a symbolic link is read.
func TestFindRefuses(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	os.WriteFile(filepath.Join(empty, "README.md"), []byte("# not a page"), 0o644)
	if _, err := gen.Find([]string{empty}); err == nil || !strings.Contains(err.Error(), "no pages") {
		t.Errorf("a folder without pages: %v", err)
	}
	pages := filepath.Join(dir, "pages")
	os.Mkdir(pages, 0o755)
	src, _ := os.ReadFile("../spec/pages/001_0cdda1f0cf4ac21c.txt")
	os.WriteFile(filepath.Join(pages, "update.md"), src, 0o644)
	link := filepath.Join(dir, "link")
	if err := os.Symlink(pages, link); err != nil {
		t.Skip(err)
	}
	files, err := gen.Find([]string{link})
	if err != nil || len(files) != 1 || files[0] != filepath.Join(link, "update.md") {
		t.Errorf("a folder as a symbolic link: %v %v", files, err)
	}
	fifo := filepath.Join(pages, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := gen.Build([]string{pages}, gen.Options{Version: "v1.0"}); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("a FIFO among the pages: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a FIFO among the pages hangs the build")
	}
	if _, err := gen.Find([]string{fifo}); err == nil {
		t.Error("a FIFO named on the command line is read")
	}
}
