package report

import (
	"strings"

	"github.com/plandiff/plandiff/pkg/render"
)

// wrap breaks each line of s that is wider than width display columns at
// spaces; continuation lines are indented four columns deeper than the line
// they continue. ANSI escape sequences take no width. A word wider than the
// line (a URL) is not broken.
func wrap(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if visibleWidth(line) <= width {
			continue
		}
		body := strings.TrimLeft(line, " ")
		indent := line[:len(line)-len(body)]
		hang := indent + "    "
		var b strings.Builder
		b.WriteString(indent)
		col := len(indent)
		first := true
		for _, w := range strings.Split(body, " ") {
			ww := visibleWidth(w)
			if !first && col+1+ww > width {
				b.WriteString("\n" + hang)
				col = len(hang)
			} else if !first {
				b.WriteByte(' ')
				col++
			}
			b.WriteString(w)
			col += ww
			first = false
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// visibleWidth is the display width of s without its ANSI escape sequences.
func visibleWidth(s string) int {
	if !strings.Contains(s, "\x1b[") {
		return render.DisplayWidth(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return render.DisplayWidth(b.String())
}
