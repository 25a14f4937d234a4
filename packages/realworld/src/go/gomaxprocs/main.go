// runtime.GOMAXPROCS(4) with CPU-bound goroutines: each finds the primes in its range.
package main

import (
	"fmt"
	"runtime"
)

func primes(lo, hi int) int {
	n := 0
	for i := lo; i < hi; i++ {
		if i < 2 {
			continue
		}
		p := true
		for d := 2; d*d <= i; d++ {
			if i%d == 0 {
				p = false
				break
			}
		}
		if p {
			n++
		}
	}
	return n
}

func main() {
	prev := runtime.GOMAXPROCS(4)
	_ = prev
	res := make(chan int)
	for w := 0; w < 8; w++ {
		go func(w int) { res <- primes(w*25000, (w+1)*25000) }(w)
	}
	total := 0
	for w := 0; w < 8; w++ {
		total += <-res
	}
	fmt.Println("GOMAXPROCS", runtime.GOMAXPROCS(0), "primes below 200000:", total)
}
