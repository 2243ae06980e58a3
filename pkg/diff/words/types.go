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

// Figure pairs a number (with its unit, if any) in the old text with the one
// that replaced it in the new text. Old is empty for a figure only in the new
// text, New empty for one only in the old text.
type Figure struct {
	Old string `json:"old"`
	New string `json:"new"`
}
