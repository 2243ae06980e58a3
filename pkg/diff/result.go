package diff

import (
	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

// Schema names the JSON contract a Result encodes to.
const Schema = "plandiff/diff/v1"

// Kind says what became of a clause between two versions; the Go value is the
// wire value of the JSON contract.
type Kind string

const (
	KindUnchanged  Kind = "unchanged"
	KindModified   Kind = "modified"
	KindMerged     Kind = "merged"
	KindSplit      Kind = "split"
	KindAdded      Kind = "added"
	KindRemoved    Kind = "removed"
	KindUnreported Kind = "unreported"
)

// Kinds lists every kind in the order summaries print them.
var Kinds = []Kind{KindUnchanged, KindModified, KindMerged, KindSplit, KindAdded, KindRemoved, KindUnreported}

// Result is the comparison of two versions. Its JSON encoding is the
// "plandiff/diff/v1" contract (spec section 3); fields beyond the contract
// are additions, never changes.
type Result struct {
	Schema  string     `json:"schema"`
	Old     VersionRef `json:"old"`
	New     VersionRef `json:"new"`
	Match   string     `json:"match"` // auto | id | content
	Summary Summary    `json:"summary"`
	Changes []Change   `json:"changes"`
}

// VersionRef describes one side of a comparison.
type VersionRef struct {
	ID           string      `json:"id"`
	Title        string      `json:"title"`
	Completeness string      `json:"completeness"`
	Subclauses   string      `json:"subclauses,omitempty"` // partial: complete at point level only
	Surfaced     string      `json:"surfaced,omitempty"`
	Status       string      `json:"status,omitempty"`
	Name         string      `json:"name,omitempty"` // where it was read from
	Sources      []SourceRef `json:"sources"`        // every source the version lists
	// Carried counts the clauses of the text compared that the version does
	// not state but carries, unreported, from CarriedFrom, the version it
	// revises (a partial version compared as its effective text; see
	// lineage.Compare). Zero for a version compared as it stands.
	Carried     int    `json:"carried,omitempty"`
	CarriedFrom string `json:"carried_from,omitempty"`
}

// SourceRef is a source as a change cites it.
type SourceRef struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Covers string `json:"covers,omitempty"`
	// Version is the version that lists the source, when it is not the
	// version of the side (a source of a carried clause).
	Version string `json:"version,omitempty"`
}

// Summary counts changes per kind; Moved counts changes flagged moved.
// Removed counts every removal; RemovedReported and RemovedAbsent split it
// by evidence (an addition to the contract: they always add up to Removed).
type Summary struct {
	Unchanged       int `json:"unchanged"`
	Modified        int `json:"modified"`
	Merged          int `json:"merged"`
	Split           int `json:"split"`
	Added           int `json:"added"`
	Removed         int `json:"removed"`
	Unreported      int `json:"unreported"`
	Moved           int `json:"moved"`
	RemovedReported int `json:"removed_reported"`
	RemovedAbsent   int `json:"removed_absent"`
	// Types counts the changes of each type (Change.Types); a change of
	// several types counts once for each. An addition to the contract,
	// left out when no change has a type.
	Types TypeCounts `json:"types,omitempty,omitzero"`
}

// TypeCounts counts changes per type of change (changetype.Names).
type TypeCounts struct {
	Figure    int `json:"figure,omitempty"`
	Negation  int `json:"negation,omitempty"`
	Modality  int `json:"modality,omitempty"`
	Party     int `json:"party,omitempty"`
	Condition int `json:"condition,omitempty"`
	Deadline  int `json:"deadline,omitempty"`
	Scope     int `json:"scope,omitempty"`
	Wording   int `json:"wording,omitempty"`
}

// Evidence says why a removed change counts as removed (Change.Evidence).
const (
	// EvidenceReported: a removed: true entry of the new version, citing a
	// source, records the removal.
	EvidenceReported = "reported"
	// EvidenceAbsent: nothing records it; the clause is missing from a new
	// version whose text is known in full at that level.
	EvidenceAbsent = "absent"
)

// Change is one entry of the comparison: which old clauses became which new
// ones, how their words changed, and who reports each side.
type Change struct {
	Kind       Kind     `json:"kind"`
	Old        []string `json:"old"`
	New        []string `json:"new"`
	OldNumbers []string `json:"old_numbers"`
	NewNumbers []string `json:"new_numbers"`
	Moved      bool     `json:"moved"`
	Renumbered bool     `json:"renumbered"`
	Similarity float64  `json:"similarity"`
	Topic      string   `json:"topic,omitempty"`
	// Edits and Figures compare the old clauses' text with the new clauses'
	// text (several clauses joined by a blank line for merges and splits).
	Edits   []words.Edit   `json:"edits"`
	Figures []words.Figure `json:"figures"`
	Sources SidePair       `json:"sources"`

	// Additions to the contract.
	Rule       string   `json:"rule"`                  // why the clauses were paired; see Rule* constants
	OldText    string   `json:"old_text,omitempty"`    // joined old text
	NewText    string   `json:"new_text,omitempty"`    // joined new text
	Depth      int      `json:"depth"`                 // nesting of the first new (or old) clause; 0 = point
	Confidence *Delta   `json:"confidence,omitempty"`  // set when confidence differs between sides
	ProposedBy *Delta   `json:"proposed_by,omitempty"` // set when the proposer differs between sides
	Status     *Delta   `json:"status,omitempty"`      // set when agreed/unagreed/bracketed differs
	OldNotes   []string `json:"old_notes,omitempty"`
	NewNotes   []string `json:"new_notes,omitempty"`
	// RemovedEntry is the id of the new version's `removed: true` entry that
	// records this removal (and cites the source that reports it), or, for
	// a change of rule RuleRemovalKept, the entry both versions carry.
	RemovedEntry string `json:"removed_entry,omitempty"`
	// Evidence is set on removed changes only: EvidenceReported or
	// EvidenceAbsent.
	Evidence string `json:"evidence,omitempty"`
	// UnreportedUnder is set on an unreported sub-point of a complete new
	// version: the id of the new clause it would stand under, whose
	// sub-points are known only in part (its subclauses: partial, or the
	// version's).
	UnreportedUnder string `json:"unreported_under,omitempty"`
	// Carried lists the old clauses of the change that the old version does
	// not state but carries from the version it revises (VersionRef.Carried).
	Carried []string `json:"carried,omitempty"`
	// Variants lists the readings on which the copies of each side's
	// clauses disagree (clause variants), when either side has any.
	Variants *VariantPair `json:"variants,omitempty"`
	// Reading is the reading each side's text follows, set on a change
	// between two clauses whose followed readings differ where one side's
	// copies give the other side's reading: the texts may differ only in
	// which reading was chosen. "" stands for a text that follows none.
	Reading *Delta `json:"reading,omitempty"`
	// ReadingOnly says that, besides, every word the edits change belongs
	// to one of the two readings (or is a function word): only the chosen
	// reading differs.
	ReadingOnly bool `json:"reading_only,omitempty"`
	// Signals says, for a change paired by content (rule content or
	// containment), which signals made its similarity: Signal* constants.
	Signals []string `json:"signals,omitempty"`
	// LevelChanged is set when the clause changed level (a sub-point
	// promoted to a point, a point demoted to a sub-point); OldDepth is then
	// the depth of the first old clause, Depth that of the first new one.
	LevelChanged bool `json:"level_changed,omitempty"`
	OldDepth     *int `json:"old_depth,omitempty"`
	// Types says what kind of change a modified, merged or split change
	// is (changetype.Classify of OldText and NewText): figure, negation,
	// modality, party, condition, deadline, scope, or wording alone. Unset
	// on other kinds and when the texts are equal.
	Types []changetype.Type `json:"types,omitempty"`
	// Nearest is set on an added change and on a removed change of
	// evidence absent, in content and auto modes: the most similar clause
	// of the other side among those the comparison scored, when its
	// similarity reached NearestFactor of the threshold. The change is
	// still an addition or a removal (the two were not paired: too far
	// apart, or the pair was not clear of its rivals); Nearest lets a
	// reader weigh that against the same clause said in other words.
	Nearest *Nearest `json:"nearest,omitempty"`
}

// NearestFactor is the share of the pairing threshold a clause's nearest
// counterpart must reach to be named (Change.Nearest). On the paraphrase
// benchmark's missed pairs, the counterparts named at 0.8 are mostly the
// true ones; lower, they are mostly chance neighbours.
const NearestFactor = 0.8

// Nearest is the closest clause of the other side to an unpaired clause.
type Nearest struct {
	Clause string `json:"clause"`           // its id
	Number string `json:"number,omitempty"` // its number, when it has one
	// Similarity is the pair's similarity, as Change.Similarity.
	Similarity float64 `json:"similarity"`
	// PairedWith lists the clauses of this change's side that it is paired
	// with, when it is (a merge or split part the comparison did not
	// find reads this way).
	PairedWith []string `json:"paired_with,omitempty"`
}

// VariantPair holds each side's variant readings.
type VariantPair struct {
	Old []VariantRef `json:"old"`
	New []VariantRef `json:"new"`
}

// VariantRef is one variant reading of a clause: what some copies say, the
// sources that say it, and whether the clause text follows it.
type VariantRef struct {
	Clause   string   `json:"clause"`
	Reading  string   `json:"reading"`
	Sources  []string `json:"sources"`
	Followed bool     `json:"followed,omitempty"`
}

// SidePair holds one list per side.
type SidePair struct {
	Old []string `json:"old"`
	New []string `json:"new"`
}

// Delta is an attribute's value before and after.
type Delta struct {
	Old string `json:"old"`
	New string `json:"new"`
}

// Signals recorded in Change.Signals: what made a content similarity.
const (
	SignalWords   = "words"   // equal words (stems) and figures equal in value
	SignalLexicon = "lexicon" // synonyms, word families, hypernyms and domain phrases
	SignalNgrams  = "ngrams"  // character n-grams of the words
	SignalOrder   = "order"   // the shared words come in another order, which lowered the score
)

// Rules recorded in Change.Rule.
const (
	RuleID          = "id"           // equal clause ids
	RuleDerivesFrom = "derives_from" // an explicit lineage link in the new version
	RuleContent     = "content"      // content similarity above the threshold
	RuleMergeSplit  = "containment"  // leftover clause whose words are contained in an aligned pair
	RuleRemovedMark = "removed_mark" // a `removed: true` entry in the new version
	RuleRemovalKept = "removal_kept" // the same `removed: true` entry in both versions
	RuleNone        = "none"         // added, removed or unreported: nothing paired
)

// HasChanges reports whether anything but unchanged clauses is in the result;
// it drives --exit-code.
func (r *Result) HasChanges() bool {
	for _, c := range r.Changes {
		if c.Kind != KindUnchanged || c.Moved || c.Renumbered || c.LevelChanged {
			return true
		}
	}
	return false
}
