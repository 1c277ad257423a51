package parse

import (
	"bytes"

	"github.com/docs2openapi/docs2openapi/gen/diag"
)

// Defects of the source that would make goldmark read much of a page
// wrongly are mended here, before the blocks are read, each reported where
// it stands. Offsets never move: text is blanked, not removed, and a page
// cut at an unclosed fence is parsed in parts at their own offsets.

// mendedBlocks reads the markdown of buf[from:] (buf before from is blank
// lines or another file's text) into blocks, mending merge-conflict
// markers and unclosed fences first. buf[from:] may be changed.
func mendedBlocks(buf []byte, from int, file *diag.Source, diags *diag.List) []block {
	mergeMarkers(buf, from, file, diags)
	cuts := unclosedFences(buf, from, file, diags)
	if len(cuts) == 0 {
		return markdownBlocks(buf)
	}
	// Each part is parsed alone; blank lines in front keep its offsets.
	out := markdownBlocks(buf[:cuts[0]])
	for k, start := range cuts {
		end := len(buf)
		if k+1 < len(cuts) {
			end = cuts[k+1]
		}
		part := make([]byte, end)
		for i := 0; i < start; i++ {
			part[i] = '\n'
		}
		copy(part[start:], buf[start:end])
		out = append(out, markdownBlocks(part)...)
	}
	return out
}

// mergeMarkers blanks what a merge conflict left in the text: the marker
// lines and the second side ("=======" to ">>>>>>>"), keeping the first,
// and reports each conflict at its "<<<<<<<" line.
func mergeMarkers(buf []byte, from int, file *diag.Source, diags *diag.List) {
	if !bytes.Contains(buf[from:], []byte("<<<<<<<")) {
		return
	}
	state := 0 // 0 outside, 1 first side, 2 second side
	for i := from; i < len(buf); {
		end := bytes.IndexByte(buf[i:], '\n')
		if end < 0 {
			end = len(buf)
		} else {
			end += i
		}
		line := buf[i:end]
		blank := false
		switch {
		case bytes.HasPrefix(line, []byte("<<<<<<<")):
			if state == 0 {
				diags.Add(file.Pos(i), diag.Warning, "MERGE_CONFLICT", "merge-conflict markers left in the text; the first side is read, the second left out")
			}
			state, blank = 1, true
		case state == 1 && bytes.Equal(bytes.TrimRight(line, " \t"), []byte("=======")):
			state, blank = 2, true
		case state > 0 && bytes.HasPrefix(line, []byte(">>>>>>>")):
			state, blank = 0, true
		case state == 2:
			blank = true
		}
		if blank {
			// The line joins the one before as trailing spaces, so that
			// a table or list it stood in goes on unbroken.
			k := i
			if k > from && buf[k-1] == '\n' {
				k--
			}
			for ; k < end; k++ {
				buf[k] = ' '
			}
		}
		i = end + 1
	}
}

// unclosedFences finds code fences that are never closed, which would make
// the rest of the page code, and returns where each is taken to end: the
// first heading or annotation after it. Each is reported at its opening
// line.
func unclosedFences(buf []byte, from int, file *diag.Source, diags *diag.List) []int {
	var cuts []int
	open, openAt := []byte(nil), 0
	for i := from; i < len(buf); {
		end := bytes.IndexByte(buf[i:], '\n')
		if end < 0 {
			end = len(buf)
		} else {
			end += i
		}
		t := bytes.TrimLeft(buf[i:end], " \t")
		if f := fenceRun(t); f != nil {
			info := len(bytes.TrimSpace(t[len(f):])) > 0
			switch {
			case open == nil:
				open, openAt = f, i
			case f[0] == open[0] && len(f) >= len(open) && !info:
				open = nil
			case info && f[0] == open[0]:
				// "``` http" inside a fence: the docs never nest fences,
				// so the open one lost its closing line. It ends before
				// the first heading or annotation after it, or here.
				cut := nextSectionLine(buf, openAt)
				if cut < 0 || cut > i {
					cut = i
				}
				diags.Add(file.Pos(openAt), diag.Warning, "FENCE_UNCLOSED", "code fence is not closed; read as ending before line %d", file.Pos(cut).Line)
				cuts = append(cuts, cut)
				open, openAt = f, i
			}
		}
		if end == len(buf) && open != nil {
			// Unclosed: it ends before the first heading or annotation
			// after it, and the scan goes on from there.
			cut := nextSectionLine(buf, openAt)
			line := file.Pos(openAt)
			if cut < 0 {
				diags.Add(line, diag.Warning, "FENCE_UNCLOSED", "code fence is not closed; it runs to the end of the file")
				return cuts
			}
			diags.Add(line, diag.Warning, "FENCE_UNCLOSED", "code fence is not closed; read as ending before line %d", file.Pos(cut).Line)
			cuts = append(cuts, cut)
			open = nil
			i = cut
			continue
		}
		i = end + 1
	}
	return cuts
}

// fenceRun returns the run of backticks or tildes a line starts with, when
// it is three or more long.
func fenceRun(t []byte) []byte {
	if len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return nil
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return t[:n]
}

// nextSectionLine returns the offset of the first ATX heading or HTML
// comment line after the line at off, or -1.
func nextSectionLine(buf []byte, off int) int {
	i := bytes.IndexByte(buf[off:], '\n')
	if i < 0 {
		return -1
	}
	for i = off + i + 1; i < len(buf); {
		end := bytes.IndexByte(buf[i:], '\n')
		if end < 0 {
			end = len(buf)
		} else {
			end += i
		}
		line := buf[i:end]
		if bytes.HasPrefix(line, []byte("<!--")) || bytes.HasPrefix(line, []byte("#")) && len(bytes.TrimLeft(line, "#")) < len(line) && len(line)-len(bytes.TrimLeft(line, "#")) <= 6 && (len(bytes.TrimLeft(line, "#")) == 0 || bytes.TrimLeft(line, "#")[0] == ' ') {
			return i
		}
		i = end + 1
	}
	return -1
}
