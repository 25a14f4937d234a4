// An unrecovered panic in a goroutine: the message goes to stderr and the exit status is 2.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("before panic")
	os.Stdout.Sync()
	done := make(chan bool)
	go func() {
		var m map[string]int
		m["x"] = 1
		done <- true
	}()
	<-done
}
