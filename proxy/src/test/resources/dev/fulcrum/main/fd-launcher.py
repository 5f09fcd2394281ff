#!/usr/bin/env python3
"""Hands a listening socket to a program, the way a supervisor does for `bind fd@N`.

Usage: fd-launcher.py <program> [args...]

Binds and listens on 127.0.0.1 (an ephemeral port), prints "PORT <port> FD <fd>"
on stdout, then waits for one line on stdin before it execs the program with the
socket inherited and FULCRUM_FD=<fd> in its environment. Connections made in
between wait in the socket's backlog: the program must serve them once it has
adopted the socket.
"""
import os
import socket
import sys

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(128)
fd = listener.fileno()
os.set_inheritable(fd, True)

print("PORT %d FD %d" % (listener.getsockname()[1], fd), flush=True)
sys.stdin.readline()

os.environ["FULCRUM_FD"] = str(fd)
os.execv(sys.argv[1], sys.argv[1:])
