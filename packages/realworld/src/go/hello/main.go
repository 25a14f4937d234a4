// Hello world: the Go runtime starts its threads (sysmon, GC workers) and prints.
package main

import "fmt"

func main() {
	fmt.Println("hello from Go")
}
