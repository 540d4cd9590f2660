package neterr

import "syscall"

func errUnreachable() error { return syscall.ENETUNREACH }
