package changetype

import (
	"reflect"
	"strings"
	"testing"

	"github.com/plandiff/plandiff/pkg/diff/words"
)

// classify runs Classify with the figures the diff finds, as pkg/diff does.
func classify(old, nu string) []Type {
	return Classify(old, nu, words.Figures(words.Diff(old, nu)))
}

// show prints types as "label{detail}" joined by spaces.
func show(ts []Type) string {
	var parts []string
	for _, t := range ts {
		s := t.Label()
		if t.Detail != "" {
			s += "{" + t.Detail + "}"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		// figure
		{"figure up", "The army is limited to 600,000 personnel.", "The army is limited to 800,000 personnel.", "figure↑{600,000 → 800,000 (+33%)}"},
		{"figure down", "The army is limited to 800,000 personnel.", "The army is limited to 600,000 personnel.", "figure↓{800,000 → 600,000 (−25%)}"},
		{"figure added", "The fund will raise money.", "The fund will raise $800bn.", "figure+{none → $800bn (added)}"},
		{"figure dropped", "The fund will raise $800bn.", "The fund will raise money.", "figure−{$800bn → none (dropped)}"},
		// equal values are no figure change; the wording says they were respelled
		{"figure equal value", "The army is limited to 600,000 personnel.", "The army is limited to 600 000 personnel.", "wording{600,000 = 600 000 (same value)}"},
		{"figure equal in words", "A fund of $100bn is set up.", "A fund of US$100 billion is set up.", "wording{$100bn = US$100 billion (same value)}"},
		{"figures respelled, one kept", "600,000 troops and 600,000 police, within ten years.", "600,000 troops and 600 000 police, within 120 months.",
			"wording{600,000 = 600 000, ten years = 120 months (same values)}"},
		{"figure respelled twice", "600,000 troops, 600,000 police.", "600 000 troops, 600 000 police.", "wording{600,000 = 600 000 (same value)}"},
		{"figure moved, same spelling", "By 2027, 600,000 troops leave.", "600,000 troops leave by 2027.", "wording"},
		{"comparable is not equal", "Talks last three months.", "Talks last 90 days.", "figure↓{three months → 90 days (−1%)}"},
		{"figure kind changed", "Profits are split 50%.", "Profits are split 50:50.", "figure±{50% → 50:50}"},
		// negation
		{"negation added", "Russia will hinder shipping.", "Russia will not hinder shipping.", "negation+{+not}"},
		{"negation dropped", "Russia will not hinder shipping.", "Russia will hinder shipping.", "negation−{−not}"},
		{"negation contracted", "Ukraine will join NATO.", "Ukraine won't join NATO.", "negation+{+not}"},
		{"never added", "Ukraine will join NATO.", "Ukraine will never join NATO.", "negation+{+never}"},
		{"negation word order", "Russia will not hinder shipping on the river.", "On the river, shipping Russia will not hinder.", ""},
		{"no more than is not negation", "At most 100 observers.", "No more than 100 observers.", ""},
		// modality
		{"modality changed", "Ukraine will hold elections.", "Ukraine must hold elections.", "modality±{will → must}"},
		{"modality added", "The United States gives a guarantee.", "The United States must give a guarantee.", "modality+{+must}"},
		{"modality dropped", "Ukraine shall hold elections.", "Ukraine holds elections.", "modality−{−shall}"},
		{"future to present is tense", "A development fund will be set up.", "A development fund invests.", "wording"},
		{"present to future is tense", "The United States gives a guarantee.", "The United States will give a guarantee.", "wording"},
		{"will to shall", "Ukraine will hold elections.", "Ukraine shall hold elections.", "modality±{will → shall}"},
		{"will dropped beside a modal kept", "Ukraine must and will hold elections.", "Ukraine must hold elections.", "wording"},
		{"expected to", "Ukraine will hold elections.", "Ukraine is expected to hold elections.", "modality±{will → is expected to}"},
		{"agree to a noun is not modal", "All parties agree to this document.", "All parties agree to this memorandum.", "wording"},
		{"May the month", "Elections are held in May 2026.", "Elections are held in May 2027.", "figure↑{May 2026 → May 2027 (later)}"},
		{"political will is a noun", "It needs the will of both sides.", "It needs the political will of both sides.", "wording"},
		// party
		{"party added", "The United States will give a guarantee.", "The United States and NATO will give a guarantee.", "party+{+NATO}"},
		{"party dropped", "Russia, Ukraine and Europe will conclude a pact.", "Russia and Ukraine will conclude a pact.", "party−{−Europe}"},
		{"party changed", "Talks are held in Turkey.", "Talks are held in Qatar.", "party±{+Qatar −Turkey}"},
		{"party synonym Moscow", "Ukraine fires a missile at Moscow.", "Ukraine fires a missile at Russia.", "wording"},
		{"party synonym Washington", "Washington gives a guarantee.", "The United States gives a guarantee.", "wording"},
		{"party synonym EU", "Ukraine joins the EU.", "Ukraine joins the European Union.", "wording"},
		{"party possessive", "Ukraine's army is capped.", "The army of Ukraine is capped.", "wording"},
		{"party order", "Russia will compensate Ukraine.", "Ukraine will compensate Russia.", "wording"},
		{"us pronoun is no party", "Let us meet.", "Let us talk.", "wording"},
		{"deadline synonym", "The ceasefire starts at once.", "The ceasefire starts immediately.", "wording"},
		{"deadline weakened", "Troops leave without delay.", "Troops leave as soon as possible.", "deadline±{+as soon as possible −immediately}"},
		{"a group is its members", "The E3 will guarantee the deal.", "France, Germany and the United Kingdom will guarantee the deal.", "wording"},
		{"members are a group", "Britain, France and Germany sign.", "The E3 sign.", "wording"},
		{"a group replaced", "The E3 will guarantee the deal.", "Europe will guarantee the deal.", "party±{+Europe −E3}"},
		{"a group, less one member", "The E3 will guarantee the deal.", "France and Germany will guarantee the deal.", "party±{+France +Germany −E3}"},
		{"a group and more", "The G7 meets.", "The G7 and Ukraine meet.", "party+{+Ukraine}"},
		{"US acronym is a party", "Europe gives a guarantee.", "The US gives a guarantee.", "party±{+United States −Europe}"},
		// condition
		{"condition added", "Russia will withdraw its troops.", "Russia will withdraw its troops if Ukraine agrees.", "party+{+Ukraine} condition+{+if}"},
		{"condition dropped", "The guarantee applies unless Ukraine invades.", "The guarantee applies.", "party−{−Ukraine} condition−{−unless}"},
		{"provided that", "Sanctions are lifted.", "Sanctions are lifted, provided that the ceasefire holds.", "condition+{+provided that}"},
		{"provided without that", "Elections are held in 100 days.", "Elections are held in 100 days, provided martial law has ended.", "condition+{+provided that}"},
		{"provided, the verb", "Funds are paid.", "Funds are paid, provided by the EU and provided annually.", "party+{+Europe}"},
		{"provided with no comma, the verb", "Funds are paid.", "Funds provided last year are paid.", "wording"},
		{"should opens a condition", "Russia invades; the answer is sanctions.", "Should Russia invade, the answer is sanctions.", "condition+{+if}"},
		{"if moved", "If Ukraine agrees, Russia withdraws.", "Russia withdraws if Ukraine agrees.", ""},
		// deadline
		{"deadline dropped", "Ukraine will hold elections within 100 days.", "Ukraine will hold elections as soon as possible.", "deadline−{100 days → as soon as possible (deadline dropped)}"},
		{"deadline added", "Ukraine will hold elections.", "Ukraine will hold elections within 100 days.", "deadline+{none → 100 days (deadline added)}"},
		{"deadline changed", "Troops withdraw within 30 days.", "Troops withdraw within 90 days.", "deadline↑{30 days → 90 days (+200%)}"},
		{"deadline in words replaced", "Elections will be held within a year.", "Elections will be held as soon as possible.", "deadline−{a year → as soon as possible (deadline dropped)}"},
		{"deadline phrase in words replaced", "Elections will be held within the next few months.", "Elections will be held as soon as possible.", "deadline±{+as soon as possible −within the next few months}"},
		{"a year is one year", "Troops withdraw within one year.", "Troops withdraw within a year.", "wording{one year = a year (same value)}"},
		{"a year and a half is 18 months", "Troops withdraw within 18 months.", "Troops withdraw within a year and a half.", "wording{18 months = a year and a half (same value)}"},
		{"deadline phrase added", "A ceasefire takes effect.", "A ceasefire takes effect immediately.", "deadline+{+immediately}"},
		{"duration that is no deadline", "The ambiguities of the past 30 years are settled.", "The ambiguities of the past years are settled.", "figure−{30 years → none (dropped)}"},
		// scope
		{"scope added", "The army stays at 800,000.", "The army stays at 800,000 in peacetime.", "scope+{+in peacetime}"},
		{"scope dropped", "The bases are closed permanently.", "The bases are closed.", "scope−{−permanently}"},
		{"scope synonym", "Every sanction is lifted.", "All sanctions are lifted.", ""},
		{"scope changed", "Sanctions are lifted temporarily.", "Sanctions are lifted permanently.", "scope±{+permanently −temporarily}"},
		{"set up to is no cap", "A fund will be set up to invest.", "A fund will be established to invest.", "wording"},
		// several and none
		{"analyst example", "The size of Ukraine's armed forces will be limited to 600,000 personnel.",
			"Ukraine's armed forces will remain at 800,000 personnel in peacetime.",
			"figure↑{600,000 → 800,000 (+33%)} scope±{+in peacetime −at most}"},
		{"wording", "Ukraine will receive reliable security guarantees.", "Ukraine will receive strong security guarantees.", "wording"},
		{"equal", "Same text.", "Same text.", "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classify(tt.old, tt.new)
			if tt.want == "-" {
				if got != nil {
					t.Fatalf("Classify(equal) = %s, want nil", show(got))
				}
				return
			}
			s := show(got)
			if tt.want == "" {
				// equal figures, order or synonyms: nothing but the wording
				if s != "wording" {
					t.Errorf("got %s, want wording only", s)
				}
				return
			}
			if s != tt.want {
				t.Errorf("got  %s\nwant %s", s, tt.want)
			}
		})
	}
}

func TestLabels(t *testing.T) {
	ts := []Type{{Type: Figure, Direction: Up}, {Type: Party, Direction: Added}, {Type: Scope, Direction: Changed}, {Type: Deadline, Direction: Dropped}, {Type: Figure, Direction: Down}, {Type: Wording}}
	if got, want := Labels(ts), "figure↑ party+ scope± deadline− figure↓ wording"; got != want {
		t.Errorf("Labels = %q, want %q", got, want)
	}
	if !Has(ts, []string{Party}) || Has(ts[:1], []string{Party, Scope}) {
		t.Error("Has is wrong")
	}
	for _, n := range Names {
		if !Valid(n) {
			t.Errorf("Valid(%q) = false", n)
		}
	}
	if Valid("figures") || Valid("") {
		t.Error("Valid accepts an unknown name")
	}
}

// checkTypes checks the invariants of a classification: types in Names
// order, each once, wording only alone, nothing both added and removed.
func checkTypes(t *testing.T, old, nu string, ts []Type) {
	t.Helper()
	if old == nu {
		if ts != nil {
			t.Fatalf("equal texts %q: types %s", old, show(ts))
		}
		return
	}
	if len(ts) == 0 {
		t.Fatalf("%q → %q: no type", old, nu)
	}
	for i, ty := range ts {
		if !Valid(ty.Type) {
			t.Fatalf("%q → %q: unknown type %q", old, nu, ty.Type)
		}
		if i > 0 && rank(ts[i-1].Type) >= rank(ty.Type) {
			t.Fatalf("%q → %q: types out of order or repeated: %s", old, nu, show(ts))
		}
		if ty.Type == Wording && len(ts) > 1 {
			t.Fatalf("%q → %q: wording beside other types: %s", old, nu, show(ts))
		}
		for _, a := range ty.Added {
			for _, r := range ty.Removed {
				if a == r {
					t.Fatalf("%q → %q: %s both added and removed in %s", old, nu, a, show(ts))
				}
			}
		}
	}
}

func FuzzClassify(f *testing.F) {
	seeds := [][2]string{
		{"The army is limited to 600,000 personnel.", "The army stays at 800,000 personnel in peacetime."},
		{"Russia will not hinder shipping.", "Should Russia hinder shipping, NATO and the EU won't act unless asked."},
		{"Ukraine will hold elections within 100 days.", "Ukraine will hold elections as soon as possible."},
		{"US$100bn from the U.S.A.", "$100 billion from Washington, no later than 1 March 2026."},
		{"", "x"},
		{"Ukraine's", "Ukraine’s’"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, old, nu string) {
		ts := classify(old, nu)
		checkTypes(t, old, nu, ts)
		// A Classifier that classified something else first gives the same.
		var c Classifier
		figs := words.Figures(words.Diff(old, nu))
		c.Classify(nu+" "+old, old, nil)
		if again := c.Classify(old, nu, figs); !reflect.DeepEqual(again, ts) {
			t.Fatalf("%q → %q: %s, after reuse %s", old, nu, show(ts), show(again))
		}
	})
}

func TestClassifyProperties(t *testing.T) {
	for _, s := range [][2]string{
		{"The army is limited to 600,000 personnel.", "The army stays at 800,000 personnel in peacetime."},
		{"If Russia invades, the US and NATO respond.", "Russia invades; the EU will respond permanently."},
	} {
		checkTypes(t, s[0], s[1], classify(s[0], s[1]))
	}
}

func BenchmarkClassify(b *testing.B) {
	old := "Russia, Ukraine and Europe will conclude a full and comprehensive non-aggression agreement, and every ambiguity of the past 30 years will be regarded as settled."
	nu := "The document is a full and unconditional non-aggression agreement between Russia and Ukraine, if the United States agrees within 100 days."
	figs := words.Figures(words.Diff(old, nu))
	b.ReportAllocs()
	var c Classifier
	for b.Loop() {
		c.Classify(old, nu, figs)
	}
}
