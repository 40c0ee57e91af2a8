#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# txcsum-off.py IFACE: turn TX checksum offload off (as `ethtool -K IFACE tx off` would; this
# machine has no ethtool) so captures hold finished UDP checksums, not offload placeholders.
import ctypes
import fcntl
import socket
import struct
import sys

SIOCETHTOOL = 0x8946
ETHTOOL_STXCSUM = 0x17  # struct ethtool_value { u32 cmd; u32 data; }, data 0 = off

val = ctypes.create_string_buffer(struct.pack("II", ETHTOOL_STXCSUM, 0))
ifr = struct.pack("16sQ8x", sys.argv[1].encode(), ctypes.addressof(val))
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    fcntl.ioctl(s, SIOCETHTOOL, ifr)
