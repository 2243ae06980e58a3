package main

import "github.com/plandiff/plandiff/pkg/render"

// sanitize neutralises terminal control sequences in data before it is
// printed: plan files are untrusted input.
var sanitize = render.SanitizeTerminal
