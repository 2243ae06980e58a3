package words

// Op is the operation of one edit; the Go value is the wire value.
type Op string

const (
	OpEqual  Op = "equal"
	OpDelete Op = "delete"
	OpInsert Op = "insert"
)

// Edit is one run of text that is equal in both sides, only in the old side
// (delete) or only in the new side (insert). Concatenating the equal and delete
// texts rebuilds the old text; the equal and insert texts rebuild the new one.
type Edit struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// Figure pairs a figure of the old text with the one that replaced it in the
// new text. Old is empty for a figure only in the new text, New empty for one
// only in the old text.
type Figure struct {
	Old string `json:"old"`
	New string `json:"new"`

	// Additions to the contract: what the figures measure and how the
	// value changed.

	// Kind is the kind of the figures (figures.Kind: count, money,
	// percent, duration, date, reference), "" when the two differ.
	Kind string `json:"kind,omitempty"`
	// Direction is up or down for comparable values (a later date is up).
	Direction string `json:"direction,omitempty"`
	// Change says by how much: +33%, −25% (counts, sums, durations),
	// +10 pp (shares), later, earlier (dates).
	Change string `json:"change,omitempty"`
	// Note is set on a figure dropped or added (Note* constants).
	Note string `json:"note,omitempty"`
	// Instead, on a figure dropped, holds the first words the new text has
	// in its place ("as soon as possible").
	Instead string `json:"instead,omitempty"`
}

// Notes of Figure.Note.
const (
	NoteDropped         = "dropped"
	NoteAdded           = "added"
	NoteDeadlineDropped = "deadline dropped" // a time limit (within 100 days, by 2027) dropped
	NoteDeadlineAdded   = "deadline added"
)

// Display returns the figure as the figures line shows it: "600,000 →
// 800,000 (+33%)", "100 days → as soon as possible (deadline dropped)",
// "none → 2027 (added)". none stands for a missing side.
func (f Figure) Display(none string) (old, new, note string) {
	old, new = f.Old, f.New
	if old == "" {
		old = none
	}
	if new == "" {
		new = f.Instead
		if new == "" {
			new = none
		}
	}
	note = f.Change
	if note == "" {
		note = f.Note
	}
	return old, new, note
}
