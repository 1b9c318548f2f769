#!/usr/bin/env python3
"""Asks the top-level X11 window of process PID to close, as a window manager's close button
does (a WM_DELETE_WINDOW client message). The end-to-end tests run under Xvfb without a window
manager, and WebDriver's "close window" bypasses the application. Usage: wm_close.py PID"""
import ctypes
import ctypes.util
import sys

x = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDefaultRootWindow.restype = ctypes.c_ulong
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                         ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                         ctypes.POINTER(ctypes.c_uint)]
x.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long,
                                 ctypes.c_long, ctypes.c_int, ctypes.c_ulong,
                                 ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int),
                                 ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
                                 ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))]
x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
x.XFlush.argtypes = [ctypes.c_void_p]
x.XCloseDisplay.argtypes = [ctypes.c_void_p]


class ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                ("message_type", ctypes.c_ulong), ("format", ctypes.c_int),
                ("data", ctypes.c_long * 5)]


class Event(ctypes.Union):  # XEvent: 24 longs
    _fields_ = [("message", ClientMessage), ("pad", ctypes.c_long * 24)]


def pid_of(dpy, window, atom):
    kind, fmt = ctypes.c_ulong(), ctypes.c_int()
    n, after = ctypes.c_ulong(), ctypes.c_ulong()
    data = ctypes.POINTER(ctypes.c_ubyte)()
    if x.XGetWindowProperty(dpy, window, atom, 0, 1, 0, 6, ctypes.byref(kind), ctypes.byref(fmt),
                            ctypes.byref(n), ctypes.byref(after), ctypes.byref(data)) != 0 or n.value == 0:
        return None
    return ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0]


def main(pid):
    dpy = x.XOpenDisplay(None)
    if not dpy:
        sys.exit("cannot open the X display")
    root = x.XDefaultRootWindow(dpy)
    net_wm_pid = x.XInternAtom(dpy, b"_NET_WM_PID", 0)
    r, p = ctypes.c_ulong(), ctypes.c_ulong()
    children, count = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
    x.XQueryTree(dpy, root, ctypes.byref(r), ctypes.byref(p), ctypes.byref(children), ctypes.byref(count))
    windows = [children[i] for i in range(count.value) if pid_of(dpy, children[i], net_wm_pid) == pid]
    if not windows:
        sys.exit(f"no top-level window of process {pid}")
    for window in windows:
        ev = Event()
        ev.message.type = 33  # ClientMessage
        ev.message.window = window
        ev.message.message_type = x.XInternAtom(dpy, b"WM_PROTOCOLS", 0)
        ev.message.format = 32
        ev.message.data[0] = x.XInternAtom(dpy, b"WM_DELETE_WINDOW", 0)
        x.XSendEvent(dpy, window, 0, 0, ctypes.byref(ev))
    x.XFlush(dpy)
    x.XCloseDisplay(dpy)
    print(f"asked {len(windows)} window(s) of process {pid} to close")


if __name__ == "__main__":
    main(int(sys.argv[1]))
