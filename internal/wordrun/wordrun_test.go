package wordrun

import (
	"reflect"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Ukraine’s army: 600,000 troops.", []string{"ukraine's", "army", "600,000", "troops"}},
		{"A non‑aggression pact — $100bn (50%)", []string{"a", "non-aggression", "pact", "$100bn", "50%"}},
		{"  line\nbreak\t\ttabs ", []string{"line", "break", "tabs"}},
		{"«quoted» \"words\"", []string{"quoted", "words"}},
	} {
		if got := Words(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLongest(t *testing.T) {
	t.Parallel()
	pages := []Page{
		{Name: "a", Text: "The size of Ukraine's armed forces will be limited to 600,000 personnel, the draft says."},
		{Name: "b", Text: "Kyiv would keep an army of 800,000 in peacetime."},
	}
	for _, tc := range []struct {
		name, text string
		want       Match
	}{
		{"no words in common", "Zaporizhzhia plant restarted", Match{}},
		{"case, punctuation and line breaks do not break a run",
			"the SIZE of Ukraine’s\narmed forces, will be capped",
			Match{Len: 8, Words: "the SIZE of Ukraine’s armed forces will be", Page: "a"}},
		{"the longer run wins across pages",
			"an army of 800,000 in peacetime",
			Match{Len: 6, Words: "an army of 800,000 in peacetime", Page: "b"}},
		{"a changed word ends a run",
			"will be limited to 600,000 soldiers",
			Match{Len: 5, Words: "will be limited to 600,000", Page: "a"}},
		{"ties go to the first page", "of", Match{Len: 1, Words: "of", Page: "a"}},
		{"a figure is one word", "600,000", Match{Len: 1, Words: "600,000", Page: "a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Longest(tc.text, pages); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestLongestEmpty(t *testing.T) {
	t.Parallel()
	if got := Longest("some words", nil); got != (Match{}) {
		t.Errorf("no pages: got %+v", got)
	}
	if got := Longest("", []Page{{Name: "p", Text: "words"}}); got != (Match{}) {
		t.Errorf("empty text: got %+v", got)
	}
}

// A run as long as the whole clause is found however long the page is.
func TestLongestWholeClause(t *testing.T) {
	t.Parallel()
	clause := "one two three four five six seven eight nine ten eleven twelve thirteen"
	page := strings.Repeat("filler words here ", 500) + clause + strings.Repeat(" more filler", 500)
	got := Longest(clause, []Page{{Name: "p", Text: page}})
	if got.Len != 13 || got.Words != clause {
		t.Errorf("got %+v", got)
	}
}

func BenchmarkLongest(b *testing.B) {
	clause := strings.Repeat("the parties agree that ", 12)
	page := strings.Repeat("a page of reference text about the war and the plan ", 400)
	pages := []Page{{Name: "p", Text: page}}
	for b.Loop() {
		Longest(clause, pages)
	}
}
