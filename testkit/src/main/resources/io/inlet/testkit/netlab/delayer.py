"""A link delay for the network lab, where the kernel has no netem: every IPv4 packet the host's
routes send into TUN device NAME is held DELAY_MS, then sent on unchanged through a raw socket whose
packets carry firewall mark MARK (a policy rule routes marked packets by the main table, past the
TUN). Packets leave in the order they came, each DELAY_MS after it came.

Usage: python3 delayer.py NAME DELAY_MS MARK. Prints "ready" once the device exists; runs until killed.
"""
import collections
import fcntl
import os
import select
import socket
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
SO_MARK = getattr(socket, "SO_MARK", 36)


def main():
    name, delay, mark = sys.argv[1], float(sys.argv[2]) / 1000.0, int(sys.argv[3], 0)
    tun = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(tun, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    out = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)  # IPPROTO_RAW: header included
    out.setsockopt(socket.SOL_SOCKET, SO_MARK, mark)
    held = collections.deque()  # (due, packet), due in arrival order since the delay is constant
    print("ready", flush=True)
    while True:
        timeout = max(0.0, held[0][0] - time.monotonic()) if held else None
        readable, _, _ = select.select([tun], [], [], timeout)
        if readable:
            now = time.monotonic()
            while True:
                try:
                    packet = os.read(tun, 65535)
                except BlockingIOError:
                    break
                if packet and packet[0] >> 4 == 4:  # IPv4 only (the lab has no IPv6)
                    held.append((now + delay, packet))
        now = time.monotonic()
        while held and held[0][0] <= now:
            packet = held.popleft()[1]
            try:
                out.sendto(packet, (socket.inet_ntoa(packet[16:20]), 0))
            except OSError:
                pass  # a packet the network refuses is lost, as on a real link


if __name__ == "__main__":
    main()
