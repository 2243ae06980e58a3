//go:build !linux

package main

// adviseHugeHeap is Linux's; elsewhere the heap keeps the system's pages.
var adviseHugeHeap func(int64)
