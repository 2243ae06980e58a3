package main

import "github.com/plandiff/plandiff/pkg/render"

// sanitize neutralises terminal control sequences in data before it is
// printed: plan files are untrusted input.
var sanitize = render.SanitizeTerminal

// sanitizeCell is sanitize for a cell of a table: a line break in data would
// start a row of its own (issue 12.5), so it becomes a space.
var sanitizeCell = render.SanitizeTerminalLine
