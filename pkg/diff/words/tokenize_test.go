package words

import (
	"reflect"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"words and spaces", "capped at  600,000\n", []string{"capped", " ", "at", "  ", "600,000", "\n"}},
		{"thousands and decimals", "14.3 1,200,000.50", []string{"14.3", " ", "1,200,000.50"}},
		{"sentence end after a number", "600,000. Next, 5,", []string{"600,000", ".", " ", "Next", ",", " ", "5", ","}},
		{"currency and scale", "$100bn €5m $800 billion", []string{"$100bn", " ", "€5m", " ", "$800", " ", "billion"}},
		{"currency without a digit", "US$ $x", []string{"US", "$", " ", "$", "x"}},
		{"percent", "50% 50%-owned", []string{"50%", " ", "50%", "-", "owned"}},
		{"ratios", "50:50 33/33/33 5/10/40", []string{"50:50", " ", "33/33/33", " ", "5/10/40"}},
		{"apostrophes", "Ukraine's Ukraine’s parties' 'n'", []string{"Ukraine's", " ", "Ukraine’s", " ", "parties", "'", " ", "'", "n", "'"}},
		{"hyphens", "20-point non-aggression US–Russia F-16 -5", []string{"20-point", " ", "non-aggression", " ", "US", "–", "Russia", " ", "F-16", " ", "-", "5"}},
		{"separators need digits both sides", "a,b 5,a U.S. 5:", []string{"a", ",", "b", " ", "5", ",", "a", " ", "U", ".", "S", ".", " ", "5", ":"}},
		{"no-break space groups digits", "600\u00a0000 600 000", []string{"600\u00a0000", " ", "600", " ", "000"}},
		{"Cyrillic", "Збройні сили України — 800 000", []string{"Збройні", " ", "сили", " ", "України", " ", "—", " ", "800", " ", "000"}},
		{"accents, decomposed", "cafe\u0301 naïve", []string{"cafe\u0301", " ", "naïve"}},
		{"CJK by character", "核电站ZNPP", []string{"核", "电", "站", "ZNPP"}},
		{"Thai by character with marks", "ที่", []string{"ที่"}},
		{"emoji", "👨‍👩‍👧 👍🏽 🇺🇦🇪🇺 ❤️", []string{"👨‍👩‍👧", " ", "👍🏽", " ", "🇺🇦", "🇪🇺", " ", "❤️"}},
		{"lone mark and joiner", "\u0301a\u200d", []string{"\u0301", "a", "\u200d"}},
		{"controls", "a\x00\x01b\r\n", []string{"a", "\x00", "\x01", "b", "\r\n"}},
		{"invalid UTF-8", "a\xe9b\xff\xfe 5\xe96", []string{"a", "\xe9", "b", "\xff", "\xfe", " ", "5", "\xe9", "6"}},
		{"ordinal and date", "21st 2025-11-20", []string{"21st", " ", "2025-11-20"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Tokenize(tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			checkTokens(t, tc.in, got)
		})
	}
}

// checkTokens checks what Tokenize promises for every input: the tokens
// rebuild s, none is empty, and tokenising a run of whole tokens gives back
// the same tokens (Similarity relies on it when it re-reads edit texts).
func checkTokens(t *testing.T, s string, toks []string) {
	t.Helper()
	if got := strings.Join(toks, ""); got != s {
		t.Errorf("tokens join to %q, want %q", got, s)
	}
	for i, tok := range toks {
		if tok == "" {
			t.Errorf("token %d is empty", i)
		}
	}
	for _, run := range [][]string{toks[min(1, len(toks)):], toks[:max(0, len(toks)-1)]} {
		if got := Tokenize(strings.Join(run, "")); len(run) > 0 && !reflect.DeepEqual(got, run) {
			t.Errorf("re-tokenising %q gives %q", run, got)
		}
	}
	for _, tok := range toks {
		if got := Tokenize(tok); len(got) != 1 {
			t.Errorf("re-tokenising token %q gives %q", tok, got)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, p := range clausePairs {
		f.Add(p[0])
		f.Add(p[1])
	}
	f.Add("👨‍👩‍👧 🇺🇦🇪🇺 cafe\u0301 核电站 600\u00a0000 $100bn 50% a\xe9b")
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s, Tokenize(s))
	})
}

func BenchmarkTokenize(b *testing.B) {
	b.Run("clause", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(benchOld)))
		var bounds []int
		for b.Loop() {
			bounds = appendBounds(bounds[:0], benchOld)
		}
	})
	b.Run("Tokenize", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(benchOld)))
		for b.Loop() {
			Tokenize(benchOld)
		}
	})
	b.Run("Cyrillic", func(b *testing.B) {
		s := clausePairs[len(clausePairs)-1][0]
		b.ReportAllocs()
		b.SetBytes(int64(len(s)))
		var bounds []int
		for b.Loop() {
			bounds = appendBounds(bounds[:0], s)
		}
	})
}
