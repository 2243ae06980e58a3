package render

import "strings"

// span is a run of text with one style: the SGR sequence that starts it, or
// "" for unstyled text. The text has been sanitised.
type span struct {
	text string
	sgr  string
}

// SGR sequences of the text report. Each styled run starts with its own
// sequence after a reset, so no attribute leaks from one run to the next.
const (
	sgrReset    = "\x1b[0m"
	sgrBold     = "\x1b[1m"
	sgrDim      = "\x1b[2m"
	sgrDel      = "\x1b[9;31m" // strikethrough red
	sgrIns      = "\x1b[32m"   // green
	sgrOld      = "\x1b[31m"   // red: an old figure, a removed clause's text
	sgrNew      = "\x1b[32m"   // green: a new figure, an added clause's text
	sgrFlag     = "\x1b[36m"   // cyan: moved, renumbered
	sgrWarn     = "\x1b[1;33m" // bold yellow: PARTIAL
	sgrModified = "\x1b[1;33m"
	sgrMerge    = "\x1b[1;35m" // merged and split
	sgrAdded    = "\x1b[1;32m"
	sgrRemoved  = "\x1b[1;31m"
	sgrPlain    = "\x1b[1m"
)

// lineWriter lays out paragraphs of spans: it wraps them at spaces to a
// width (0: never), indents continuation lines, measures display width (so
// wide characters count double and escape sequences nothing) and closes
// every styled run at the end of its line, so that a pager or a following
// line never inherits a colour.
type lineWriter struct {
	p     *printer
	width int
	color bool
}

// breakingSpaces maps the Unicode spaces a line may break at to a plain
// space, so that wrapping breaks there too (FuzzText found a line held
// together by U+2000). The no-break spaces (U+00A0, U+2007, U+202F) and the
// thin space (U+2009) stay: they group the digits of a figure ("600 000").
var breakingSpaces = strings.NewReplacer(
	"\u1680", " ", "\u2000", " ", "\u2001", " ", "\u2002", " ", "\u2003", " ",
	"\u2004", " ", "\u2005", " ", "\u2006", " ", "\u2008", " ",
	"\u200a", " ", "\u205f", " ", "\u3000", " ",
)

// para writes spans as one paragraph: the first line indented by first
// columns, the following ones (after a wrap or a line break in the text) by
// hang columns. Runs of spaces are kept inside a line and dropped where the
// line is wrapped; a word longer than the line is not broken.
func (lw *lineWriter) para(first, hang int, spans []span) {
	l := lineState{lw: lw, indent: first, hang: hang}
	for _, s := range spans {
		sgr := s.sgr
		if !lw.color {
			sgr = ""
		}
		text := breakingSpaces.Replace(s.text)
		for text != "" {
			switch c := text[0]; {
			case c == '\n':
				l.endLine()
				text = text[1:]
			case c == ' ':
				l.flushWord()
				n := len(text) - len(strings.TrimLeft(text, " "))
				l.pend = append(l.pend, span{text[:n], sgr})
				l.pendW += n
				text = text[n:]
			default:
				n := strings.IndexAny(text, " \n")
				if n < 0 {
					n = len(text)
				}
				l.word = append(l.word, span{text[:n], sgr})
				l.wordW += DisplayWidth(text[:n])
				text = text[n:]
			}
		}
	}
	l.flushWord()
	if l.started {
		l.newLine()
	}
}

// lineState is the state of one paragraph being laid out.
type lineState struct {
	lw      *lineWriter
	indent  int    // indentation of the current line, written with its first word
	hang    int    // indentation of every line after the first
	started bool   // the current line has content
	col     int    // display columns used on the current line
	cur     string // SGR in force on the current line
	pend    []span // spaces seen since the last word
	pendW   int
	word    []span // the word being collected (may hold several styles)
	wordW   int
}

// flushWord places the collected word: on the current line after the
// pending spaces if it fits, otherwise at the start of a new line.
func (l *lineState) flushWord() {
	if len(l.word) == 0 {
		return
	}
	if w := l.lw.width; l.started && w > 0 && l.col+l.pendW+l.wordW > w {
		l.newLine()
		l.pend, l.pendW = nil, 0
	}
	if !l.started {
		l.lw.p.str(strings.Repeat(" ", l.indent))
		l.col = l.indent
		l.started = true
	}
	for _, s := range l.pend {
		l.emit(s)
	}
	for _, s := range l.word {
		l.emit(s)
	}
	l.col += l.pendW + l.wordW
	l.pend, l.pendW = nil, 0
	l.word, l.wordW = nil, 0
}

func (l *lineState) emit(s span) {
	if s.sgr != l.cur {
		if l.cur != "" {
			l.lw.p.str(sgrReset)
		}
		if s.sgr != "" {
			l.lw.p.str(s.sgr)
		}
		l.cur = s.sgr
	}
	l.lw.p.str(s.text)
}

// endLine places the last word, closes the current line (trailing spaces
// dropped) and starts the next one.
func (l *lineState) endLine() {
	l.flushWord()
	l.newLine()
	l.pend, l.pendW = nil, 0
}

// newLine ends the current line, resetting the style so that the next line
// starts plain; the next line is indented by the hanging indent.
func (l *lineState) newLine() {
	if l.cur != "" {
		l.lw.p.str(sgrReset)
		l.cur = ""
	}
	l.lw.p.str("\n")
	l.started = false
	l.col = 0
	l.indent = l.hang
}
