package diff

import (
	"fmt"
	"math"
)

// Match says which evidence Compare may use to pair clauses.
type Match string

const (
	// MatchAuto trusts equal clause ids and derives_from links first, then
	// pairs the remaining clauses by content. It is the zero value's meaning.
	MatchAuto Match = "auto"
	// MatchID pairs clauses only through equal ids and derives_from links.
	MatchID Match = "id"
	// MatchContent ignores ids and links and pairs clauses by their words
	// alone; it is what the synthetic benchmark measures.
	MatchContent Match = "content"
)

// Matches lists the modes in the order help texts show them.
var Matches = []Match{MatchAuto, MatchID, MatchContent}

// ParseMatch turns a command-line value into a Match.
func ParseMatch(s string) (Match, error) {
	for _, m := range Matches {
		if string(m) == s {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown match mode %q (want auto, id or content)", s)
}

// Options configures Compare. The zero value is ready to use: auto matching
// with DefaultThreshold.
type Options struct {
	// Match selects the evidence used to pair clauses; "" means MatchAuto.
	Match Match
	// Threshold is the content similarity (0..1, the IDF-weighted Dice of
	// vectors.go) below which two clauses are not paired on content, so each
	// is reported as removed or added. Zero means DefaultThreshold. The
	// thresholds of the other passes (moves, gaps, containment) follow it.
	Threshold float64
}

// The defaults of every tunable, in one place. They were tuned on the
// synthetic benchmark (`go run ./cmd/synth score -n N`) at 300, 3,000 and
// 30,000 clauses, and checked on the real corpus (corpus_test.go).
const (
	// DefaultThreshold is the IDF-weighted Dice similarity under which a
	// clause pair is not trusted on content alone. Rewording half of a
	// clause's words leaves about 0.5; two unrelated clauses that share only
	// the boilerplate of the text ("the Parties shall") mostly score below
	// 0.2, though in a long, templated text the closest of thousands of
	// unrelated clauses can reach 0.5: hence the stricter rules for moves.
	DefaultThreshold = 0.3

	// gapFactor scales Threshold for pairs found inside a gap between two
	// anchored, order-preserving pairs: position is evidence too, so a
	// heavily reworded clause that stayed in place is still recognised.
	gapFactor = 0.65

	// gapOneFactor replaces gapFactor for a gap that holds one old and one
	// new clause: between two anchors, the one clause left on each side is
	// most likely the same clause, however reworded.
	gapOneFactor = 0.6

	// gapMargin is how far a pair below Threshold must stand ahead of the
	// other pairs of its clauses in a gap to be taken there (gapWeights).
	gapMargin = 0.05

	// containFactor scales Threshold to the residual containment a leftover
	// clause needs to join a merge or split when it stands next to the other
	// parts: the share of its weighted words found in the part of the other
	// side not already explained.
	containFactor = 1.5

	// containFarFactor replaces containFactor for a part that stands more
	// than two places from the other parts of its merge or split: far from
	// them, only its words vouch for it.
	containFarFactor = 2.2

	// orderBonus is added to the similarity of a candidate pair that keeps
	// the order of the anchored pairs, when pairs are chosen after the first
	// pass; near-equal candidates then resolve in document order instead of
	// producing false moves.
	orderBonus = 0.15

	// moveMargin and moveRatio say how clearly a pair that breaks the
	// order of the anchored pairs (a move) must beat the runners-up of both
	// its clauses: by moveMargin in similarity and by moveRatio times. Out
	// of place, similarity relative to the alternatives is the evidence; a
	// fixed bar loses true moves of reworded clauses and still lets
	// templated clauses, which resemble many others, make false ones.
	moveMargin = 0.08
	moveRatio  = 1.5

	// earlyMove and strongMove are the similarities above which a move
	// needs only to be distinct from the runners-up (distinctMargin on one
	// side, half of it on the other) rather than beat them by moveRatio
	// times: before merges and splits are formed (earlyMove, so a move
	// cannot take the part of a merge or a split), and after (strongMove).
	earlyMove  = 0.75
	strongMove = 0.4

	// distinctMargin: see strongMove.
	distinctMargin = 0.1

	// noiseShare is the share of the median runner-up score that the larger
	// margin of a distinct move must reach when that is above
	// distinctMargin (aligner.noiseMargin). The median is about 0.19 on
	// the paraphrase benchmark (the margin stays 0.1 up to 0.5 and 0.13
	// at 0.7) and 0.32 to 0.39 in the synthetic pairs, where it removes a
	// third of the false moves (synth F1 at 30,000 clauses, seed 1: 0.9958
	// -> 0.9969 at 0.7, seed 7: 0.9951 -> 0.9962); at 0.85 the benchmark
	// loses a reordered pair.
	noiseShare = 0.7

	// maxClearRounds bounds the rounds of taking clear pairs (assign): each
	// round counts the runners-up again among the clauses still free.
	maxClearRounds = 8

	// structFactor scales Threshold to the similarity two parents need to
	// be paired because most of their sub-points are (structure.go).
	structFactor = 0.3

	// topicBonus is added when both clauses of a candidate carry the same
	// topic tag: a weak signal, enough to break near-ties.
	topicBonus = 0.02

	// candidatesPerClause caps the new clauses kept as candidates for each
	// old clause, ranked by an approximate cosine over their shared keys.
	// Twelve, not six: in a long text of templated clauses the posting
	// budget is spent on the rarest keys, which many clauses of one
	// template share ("within 39 days of"), so a reworded clause's true
	// partner can rank below ten of them (synth F1 at 30,000 clauses
	// 0.9954 -> 0.9958, about 2% more CPU time). Sixteen, not twelve: a
	// clause reworded with words inserted between its own loses the word
	// pairs it shares, so its partner ranks below the clauses of its
	// template that keep them, though its full score is far above the
	// threshold (30,000 clauses, seed 1: pair F1 0.9968 -> 0.9970; about
	// 1-3% more CPU time). Twenty gained a little more (seed 7 too) but
	// cost 5-10%.
	candidatesPerClause = 16

	// lateRank is the rank by cosine from which a candidate is kept only
	// when its word score reaches gapFactor of the threshold (or it is a
	// cover or inside): no pass pairs it otherwise, and the later passes'
	// work grows with the candidates kept.
	lateRank = 12

	// softPerClause is how many of those, the best by the approximate
	// cosine, are scored with every signal (soft.go, ngram.go); the others
	// on their shared words alone. Six rather than three: a paraphrase
	// that keeps few words ranks low by the approximate cosine (about 4%
	// more CPU time at 30,000 clauses, BenchmarkCompare's cpu-ms/op).
	softPerClause = 6

	// coversPerClause adds, for each old clause, the new clauses that
	// contain most of its weight, whatever their length (the whole it may
	// have been merged into), and as many again whose own weight it contains
	// most of (the parts it may have been split into).
	coversPerClause = 4

	// postingBudget caps how many postings of the inverted index one old
	// clause may visit: its keys are taken rarest first until the budget is
	// spent, so common words never cost a full list scan and the work per
	// clause does not grow with the document.
	postingBudget = 384

	// maxGapPairs caps the size (old × new) of a gap that is searched
	// exhaustively for order-preserving pairs.
	maxGapPairs = 1024

	// ngramLift is how far toward the character n-gram cosine a pair's
	// score is lifted where that cosine is above the word score (see
	// matcher.score).
	ngramLift = 0.5

	// scoreFloor is the word score below which a pair's n-gram and order
	// parts are not computed (matcher.score): nothing pairs that far apart.
	scoreFloor = 0.05

	// orderWeight is how much the order of the shared words counts: a pair
	// whose shared content words come in wholly different orders scores
	// 1 − orderWeight of what its words alone give (matcher.score).
	orderWeight = 0.25

	// swapWeight is what a change's reported similarity loses, beyond
	// orderWeight's share, when two named parties trade places around a
	// shared word, as in "Russia will compensate Ukraine" / "Ukraine will
	// compensate Russia" (matcher.reported): who does what to whom changed,
	// however many other words keep their places. Pairing leaves it out:
	// in it, the synthetic pairs' F1 at 30,000 clauses fell 0.0004 and the
	// paraphrase benchmark lost a reordered pair.
	swapWeight = 0.2
)

// SimilarityDecimals is how many decimals a similarity keeps wherever it is
// recorded or printed (see RoundSimilarity).
const SimilarityDecimals = 3

// RoundSimilarity rounds a similarity score to SimilarityDecimals decimals,
// half away from zero, so that the JSON carries no float noise: 0.7142857
// becomes 0.714. NaN and ±Inf become 0, and so does -0. Every similarity of
// a Result, a lineage and their JSON goes through it.
func RoundSimilarity(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	scale := math.Pow10(SimilarityDecimals)
	f = math.Round(f*scale) / scale
	if f == 0 || math.IsInf(f, 0) {
		return 0
	}
	return f
}

func (o Options) withDefaults() (Options, error) {
	switch o.Match {
	case "":
		o.Match = MatchAuto
	case MatchAuto, MatchID, MatchContent:
	default:
		return o, fmt.Errorf("unknown match mode %q (want auto, id or content)", o.Match)
	}
	if o.Threshold < 0 || o.Threshold > 1 {
		return o, fmt.Errorf("threshold %v is outside 0..1", o.Threshold)
	}
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	return o, nil
}
