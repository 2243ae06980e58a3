package report

import (
	"strings"

	"github.com/plandiff/plandiff/pkg/diff/words"
)

// Piece is one run of a redline as displayed.
type Piece struct {
	Op   words.Op `json:"op"`
	Text string   `json:"text"`
}

// Pieces turns word edits into display runs: replacements separated only by
// white space joined (words.Coalesce, so a reworded phrase reads as one
// deletion and one insertion), every text cleaned of control characters,
// white space collapsed, consecutive runs of one op joined, and deletions or
// insertions of white space alone shown as a plain space.
// Concatenating the equal and delete pieces gives the old text, the equal
// and insert pieces the new one, up to white space.
func Pieces(edits []words.Edit) []Piece {
	var out []Piece
	add := func(op words.Op, t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += t
			return
		}
		out = append(out, Piece{op, t})
	}
	for _, e := range words.Coalesce(edits) {
		t := collapse(e.Text)
		op := e.Op
		if op != words.OpDelete && op != words.OpInsert {
			op = words.OpEqual
		}
		if strings.TrimSpace(t) == "" && op != words.OpEqual {
			if op == words.OpInsert {
				continue
			}
			op = words.OpEqual
		}
		add(op, t)
	}
	// Move white space at the edges of a marked run outside it, so that a
	// marker never starts or ends with a space.
	var moved []Piece
	for _, p := range out {
		if p.Op == words.OpEqual {
			moved = appendPiece(moved, p)
			continue
		}
		body := strings.TrimLeft(p.Text, " ")
		if len(body) < len(p.Text) {
			moved = appendPiece(moved, Piece{words.OpEqual, " "})
		}
		trimmed := strings.TrimRight(body, " ")
		moved = appendPiece(moved, Piece{p.Op, trimmed})
		if len(trimmed) < len(body) {
			moved = appendPiece(moved, Piece{words.OpEqual, " "})
		}
	}
	out = moved
	// Trim the ends; collapse doubled spaces left at joins.
	for i := range out {
		for strings.Contains(out[i].Text, "  ") {
			out[i].Text = strings.ReplaceAll(out[i].Text, "  ", " ")
		}
	}
	if n := len(out); n > 0 {
		out[0].Text = strings.TrimLeft(out[0].Text, " ")
		out[n-1].Text = strings.TrimRight(out[n-1].Text, " ")
	}
	return out
}

// Side keeps the pieces of one side: old drops insertions, new drops
// deletions.
func Side(ps []Piece, old bool) []Piece {
	drop := words.OpDelete
	if old {
		drop = words.OpInsert
	}
	var out []Piece
	dropped := false
	for _, p := range ps {
		if p.Op == drop {
			dropped = true
			continue
		}
		// The space that stood beside a dropped run is not doubled, nor
		// left before punctuation.
		if n := len(out); dropped && n > 0 && strings.HasSuffix(out[n-1].Text, " ") &&
			p.Text != "" && strings.ContainsRune(" .,;:!?)", rune(p.Text[0])) {
			out[n-1].Text = strings.TrimSuffix(out[n-1].Text, " ")
		}
		dropped = false
		out = appendPiece(out, p)
	}
	return out
}

// collapse cleans a run of text, keeping one leading and one trailing space
// where it had white space.
func collapse(s string) string {
	if s == "" {
		return ""
	}
	c := clean(s)
	lead := s[0] == ' ' || s[0] == '\n' || s[0] == '\t'
	last := s[len(s)-1]
	trail := last == ' ' || last == '\n' || last == '\t'
	if c == "" {
		if lead || trail {
			return " "
		}
		return ""
	}
	if lead {
		c = " " + c
	}
	if trail {
		c += " "
	}
	return c
}

func appendPiece(ps []Piece, p Piece) []Piece {
	if p.Text == "" {
		return ps
	}
	if n := len(ps); n > 0 && ps[n-1].Op == p.Op {
		ps[n-1].Text += p.Text
		return ps
	}
	return append(ps, p)
}
