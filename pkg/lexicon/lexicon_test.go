package lexicon

import (
	"strings"
	"testing"
)

// TestMeet checks that the words the aligner must relate meet, and how
// closely, and that unrelated words do not.
func TestMeet(t *testing.T) {
	tests := []struct {
		a, b string
		want Rel
	}{
		// One stem: the same term, related as nothing needs be.
		{"renewed", "renewable", relSame},
		{"guarantees", "guarantee", relSame},
		{"troops", "troop", relSame},
		// Derivational families.
		{"Ukraine", "Ukrainian", RelDerived},
		{"verified", "verification", RelDerived},
		{"Russia", "Russian", RelDerived},
		// WordNet synonyms and the domain table.
		{"troops", "forces", RelSynonym},
		{"ceasefire", "fighting stops", RelSynonym},
		{"immediately", "at once", RelSynonym},
		{"pact", "agreement", RelSynonym},
		{"Moscow", "Russia", RelSynonym},
		{"Kyiv", "Ukraine", RelSynonym},
		{"Washington", "United States", RelSynonym},
		{"accession", "membership", RelSynonym},
		// Unrelated.
		{"treaty", "agreement", RelNone},
		{"start", "set", RelNone},
		{"Ukraine", "Russia", RelNone},
		{"sanctions", "elections", RelNone},
	}
	for _, tc := range tests {
		ka, kb := Key(tc.a), Key(tc.b)
		got := Relate(Lookup(ka), Lookup(kb))
		if ka == kb {
			got = relSame
		}
		if got != tc.want {
			t.Errorf("%q (%s) and %q (%s): relation %d, want %d", tc.a, ka, tc.b, kb, got, tc.want)
		}
	}
}

// relSame stands for two words with one stem in TestMeet.
const relSame Rel = 255

func TestStem(t *testing.T) {
	for in, want := range map[string]string{
		"Guarantees": "guarante", "renewed": "renew", "renewable": "renew", "the": "the", "Київ": "київ",
		"demilitarised": "demilitaris",
	} {
		if got := Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string]string{
		"Ukraine's army":      "ukraine army",
		"don't cease-fire":    "dont cease fire",
		"St. Petersburg, US$": "st petersburg us",
		"":                    "",
	} {
		if got := strings.Join(Words(in), " "); got != want {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTables parses the embedded tables (a defect panics on first use) and
// checks the domain table's rules: every group has two phrases at least,
// no phrase is longer than MaxPhrase words.
func TestTables(t *testing.T) {
	if _, err := parseTables(wordnetText, domainText); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"lonely\n", "a | \n", "one two three four five | x\n"} {
		if _, err := parseTables("", bad); err == nil {
			t.Errorf("domain table %q: no error", bad)
		}
	}
	if _, err := parseTables("key\tq1\n", ""); err == nil {
		t.Error("a WordNet table with an unknown code: no error")
	}
	if Concepts() == 0 || len(Phrases()) == 0 {
		t.Errorf("%d concepts, %d phrases", Concepts(), len(Phrases()))
	}
}
