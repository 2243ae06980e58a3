package figures

// ReadWhole exposes readWhole to the external tests.
var ReadWhole = readWhole
