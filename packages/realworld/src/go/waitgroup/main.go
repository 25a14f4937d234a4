// sync.WaitGroup and sync.Mutex: 50 goroutines update a shared map.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[int]int{}
	for g := 0; g < 50; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				mu.Lock()
				counts[(g*i)%7]++
				mu.Unlock()
			}
		}(g)
	}
	wg.Wait()
	keys := []int{}
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		fmt.Printf("%d:%d ", k, counts[k])
	}
	fmt.Println()
}
