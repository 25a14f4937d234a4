// os/exec: runs this program again as a child with an argument, reads its output and its exit status.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Println("child got", os.Args[1])
		os.Exit(3)
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Println("no executable:", err)
		return
	}
	out, err := exec.Command(self, "hello").Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		fmt.Printf("child said %q, status %d\n", string(out), ee.ExitCode())
	} else {
		fmt.Println("unexpected:", err)
	}
	_, err = exec.Command("/nonexistent/program").Output()
	fmt.Println("missing program error:", err != nil)
}
